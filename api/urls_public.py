from django.urls import include, path

from api import views

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("ping/", views.PingApi.as_view(), name="api-ping"),
    path("catalog/", include("api.catalog.urls")),
]
