from django.urls import path

from modules.dashboards import views

app_name = "dashboards_hq"

urlpatterns = [path("", views.hq_view, name="hq")]
