from django.urls import path

from modules.services.catalog import views

app_name = "services_catalog"
urlpatterns = [path("", views.catalog, name="catalog")]
