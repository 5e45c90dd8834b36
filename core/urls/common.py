"""Routes every host has: login/logout, language switch, health, notifications, API schema and docs."""

from types import SimpleNamespace

from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core import views
from core.forms import LoginForm
from modules.people.views import password_change


def common_urlpatterns(api_urlconf: str) -> list:
    return [
        path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
        path("accounts/logout/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
        path("i18n/", include("django.conf.urls.i18n")),
        path("healthz", views.healthz, name="healthz"),
        path("me/password/", password_change, name="password-change"),
        path("notifications/", views.notification_list, name="notifications"),
        path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
        path("api/v1/", include(api_urlconf)),
        # the schema lists the API as mounted (/api/v1/...), so Swagger's "try it out" hits real routes
        path("api/schema/", SpectacularAPIView.as_view(urlconf=_mounted(api_urlconf)), name="schema"),
        # the split view serves its start-up script from ?script, not inline (Content-Security-Policy)
        path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    ]


def _mounted(api_urlconf: str) -> SimpleNamespace:
    return SimpleNamespace(urlpatterns=[path("api/v1/", include(api_urlconf))])
