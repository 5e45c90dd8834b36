from django.urls import include, path

from api.accounts import people

urlpatterns = [
    path("", include("api.accounts.urls")),
    path("people/", people.OfficePeopleApi.as_view(), name="api-people"),
    path("residents/", include("api.residents.urls")),
    path("complaints/", include("api.complaints.urls")),
    path("duty/", include("api.duty.urls")),
    path("frontdesk/", include("api.frontdesk.urls")),
]
