"""An office host (`<slug>.<BASE_DOMAIN>`)."""

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
    path("residents/", include("modules.residents.urls")),
    path("complaints/", include("modules.complaints.urls")),
    path("duty/", include("modules.duty.urls")),
    path("frontdesk/", include("modules.frontdesk.urls")),
    path("visits/", include("modules.visits.urls")),
    path("assessment/", include("modules.assessment.urls")),
    path("training/", include("modules.training.urls")),
    path("surveys/", include("modules.surveys.urls")),  # V-03: the waves addressed to the office
    path("dashboard/", include("modules.dashboards.urls")),  # issue 10 §5: the director's dashboard
    path("reports/", include("modules.reports.urls")),  # C-18: the monthly complaint report
    # no login: residents' online complaint form (C-01) and the notice board (F-06, M-01)
    path("public/complaints/", include("modules.complaints.public_urls")),
    path("public/notices/", include("modules.frontdesk.public_urls")),
    path("public/surveys/", include("modules.surveys.public_urls")),  # V-03: residents answer, no login
    path("public/services/", include("modules.services.public_urls")),  # S-02, S-03: items, rates, booking
    path("services/", include("modules.services.urls")),  # S-01..S-05
    path("people/", include("modules.people.urls")),  # R-01..R-04: the managers' 人员 page
    path("office/", include("modules.people.office_urls")),  # C-01: 管理处信息 (the duty phone)
    *common_urlpatterns("api.urls_office"),
]
