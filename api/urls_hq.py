from django.urls import include, path

from api import offices
from api.accounts import people

urlpatterns = [
    path("", include("api.accounts.urls")),
    path("people/", people.HqPeopleApi.as_view(), name="api-people"),
    path("center/", include("api.hq.urls")),
    path("offices/", offices.OfficeSearchApi.as_view(), name="api-hq-offices"),
]
