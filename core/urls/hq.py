"""The head-office host (`hq.<BASE_DOMAIN>`)."""

from django.urls import include, path

from core import views
from core.files.views import file_download
from core.urls.common import common_urlpatterns

# the product's error pages (DEBUG off), the JSON error shape under /api/ (core/errorpages.py)
handler400 = "core.errorpages.bad_request"
handler403 = "core.errorpages.permission_denied"
handler404 = "core.errorpages.page_not_found"
handler500 = "core.errorpages.server_error"
urlpatterns = [
    path("", views.home, name="home"),
    path("files/<uuid:pk>/", file_download, name="file-download"),
    path("center/", include("modules.hq.urls")),
    path("dashboard/", include("modules.dashboards.hq_urls")),  # issue 10 §5: the offices side by side
    path("reports/", include("modules.reports.hq.urls")),  # C-18: the offices' monthly complaint reports
    path("services/", include("modules.services.catalog.hq_urls")),  # S-01: the GM's approvals
    path("surveys/", include("modules.surveys.hq_urls")),  # V-03, V-04: questionnaires, waves, results
    path("people/", include("modules.people.urls")),  # R-01..R-04: the managers' 人员 page
    *common_urlpatterns("api.urls_hq"),
]
