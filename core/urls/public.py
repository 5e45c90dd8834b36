"""The apex host: group administration (R-03)."""

from django.urls import include, path

from core import views
from core.urls.common import common_urlpatterns

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", include("modules.catalog.urls")),
    *common_urlpatterns("api.urls_public"),
]
