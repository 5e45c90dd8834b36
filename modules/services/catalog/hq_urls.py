from django.urls import path

from modules.services.catalog import views

app_name = "services_hq"
urlpatterns = [path("proposals/", views.hq_proposals, name="proposals")]
