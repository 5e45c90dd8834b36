from django.urls import include, path

from api import views

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("center/", include("api.hq.urls")),
]
