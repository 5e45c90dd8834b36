from django.urls import include, path

from api import offices
from api.accounts import people, people_manage
from api.dashboards import views as dashboards
from api.services import group as services_group

urlpatterns = [
    path("", include("api.accounts.urls")),
    path("people/", people.HqPeopleApi.as_view(), name="api-people"),
    path("people/<int:pk>/", people_manage.PersonApi.as_view(), name="api-person"),
    path("people/<int:pk>/role/", people_manage.PersonRoleApi.as_view(), name="api-person-role"),
    path("people/<int:pk>/end/", people_manage.PersonEndApi.as_view(), name="api-person-end"),
    path("people/<int:pk>/password-reset/", people_manage.PersonPasswordResetApi.as_view(),
         name="api-person-password-reset"),
    path("center/", include("api.hq.urls")),
    path("surveys/", include("api.surveys.hq_urls")),  # V-03, V-04
    path("offices/", offices.OfficeSearchApi.as_view(), name="api-hq-offices"),
    path("dashboard/", dashboards.HqDashboardApi.as_view(), name="api-hq-dashboard"),  # issue 10 §5
    path("reports/", include("api.reports.hq_urls")),  # C-18
    # S-01: the general manager approves or rejects the offices' service proposals
    path("services/proposals/", services_group.HqProposalListApi.as_view(), name="api-hq-service-proposals"),
    path("services/proposals/<int:pk>/approve/", services_group.HqProposalApproveApi.as_view(),
         name="api-hq-service-proposal-approve"),
    path("services/proposals/<int:pk>/reject/", services_group.HqProposalRejectApi.as_view(),
         name="api-hq-service-proposal-reject"),
]
