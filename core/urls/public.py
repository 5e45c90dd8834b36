"""The apex host: group administration (R-03)."""

from django.urls import include, path

from core import views
from core.urls.common import common_urlpatterns

# the product's error pages (DEBUG off), the JSON error shape under /api/ (core/errorpages.py)
handler400 = "core.errorpages.bad_request"
handler403 = "core.errorpages.permission_denied"
handler404 = "core.errorpages.page_not_found"
handler500 = "core.errorpages.server_error"
urlpatterns = [
    path("", views.home, name="home"),
    path("admin/people/", include("modules.people.admin_urls")),  # every office's people
    path("admin/services/", include("modules.services.catalog.urls")),  # S-01, S-08: the service catalog
    path("admin/", include("modules.catalog.urls")),
    *common_urlpatterns("api.urls_public"),
]
