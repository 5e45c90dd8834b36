from django.urls import include, path

from api import views

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("ping/", views.PingApi.as_view(), name="api-ping"),
    path("residents/", include("api.residents.urls")),
    path("complaints/", include("api.complaints.urls")),
    path("duty/", include("api.duty.urls")),
    path("frontdesk/", include("api.frontdesk.urls")),
]
