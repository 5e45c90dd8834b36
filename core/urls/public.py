"""The apex host: group administration (R-03)."""

from django.urls import include, path

from core import views
from core.urls.common import common_urlpatterns

handler404 = "core.views.page_not_found"  # JSON error shape under /api/
urlpatterns = [
    path("", views.home, name="home"),
    path("admin/people/", include("modules.people.admin_urls")),  # every office's people
    path("admin/", include("modules.catalog.urls")),
    *common_urlpatterns("api.urls_public"),
]
