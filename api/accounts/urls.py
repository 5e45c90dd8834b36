"""Routes every host's API has: who am I, the token, my notifications."""

from django.urls import path

from api import views
from api.accounts import notifications, password, token

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("ping/", views.PingApi.as_view(), name="api-ping"),
    path("auth/token/", token.TokenApi.as_view(), name="api-token"),
    path("auth/password/", password.PasswordChangeApi.as_view(), name="api-password"),
    path("notifications/", notifications.NotificationListApi.as_view(), name="api-notifications"),
    path("notifications/<int:pk>/read/", notifications.NotificationReadApi.as_view(), name="api-notification-read"),
]
