from django.urls import path

from modules.dashboards import views

app_name = "dashboards"

urlpatterns = [path("", views.office_view, name="office")]
