from django.urls import path

from modules.services import public_views

app_name = "services_public"
urlpatterns = [path("", public_views.public_list, name="list")]
