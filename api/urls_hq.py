from django.urls import path

from api import views

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="api-me"),
]
