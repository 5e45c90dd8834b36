from django.urls import include, path

from api import office_profile
from api.accounts import people, people_manage
from api.dashboards import views as dashboards

urlpatterns = [
    path("", include("api.accounts.urls")),
    path("people/", people.OfficePeopleApi.as_view(), name="api-people"),
    path("people/<int:pk>/", people_manage.PersonApi.as_view(), name="api-person"),
    path("people/<int:pk>/role/", people_manage.PersonRoleApi.as_view(), name="api-person-role"),
    path("people/<int:pk>/end/", people_manage.PersonEndApi.as_view(), name="api-person-end"),
    path("people/<int:pk>/password-reset/", people_manage.PersonPasswordResetApi.as_view(),
         name="api-person-password-reset"),
    path("office/", office_profile.OfficeProfileApi.as_view(), name="api-office-profile"),  # C-01: duty phone
    path("residents/", include("api.residents.urls")),
    path("complaints/", include("api.complaints.urls")),
    path("duty/", include("api.duty.urls")),
    path("frontdesk/", include("api.frontdesk.urls")),
    path("visits/", include("api.visits.urls")),
    path("surveys/", include("api.surveys.urls")),  # V-03
    path("services/", include("api.services.urls")),  # S-01..S-05
    path("assessment/", include("api.assessment.urls")),
    path("training/", include("api.training.urls")),
    path("dashboard/", dashboards.OfficeDashboardApi.as_view(), name="api-dashboard"),  # issue 10 §5
    path("reports/", include("api.reports.urls")),  # C-18
]
