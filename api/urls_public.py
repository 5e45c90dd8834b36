from django.urls import include, path

from api.accounts import people_admin
from api.services import group as services_group

urlpatterns = [
    path("", include("api.accounts.urls")),
    path("catalog/", include("api.catalog.urls")),
    # S-01, S-08: the group's special-service items, their rate history and offices
    path("catalog/services/", services_group.CatalogItemListApi.as_view(), name="api-service-catalog"),
    path("catalog/services/<int:pk>/offices/", services_group.CatalogItemOfficesApi.as_view(),
         name="api-service-catalog-offices"),
    # every office's people; lock/unlock an account everywhere; reset a password
    path("people/", people_admin.GroupPeopleApi.as_view(), name="api-group-people"),
    path("people/<int:pk>/", people_admin.GroupPersonApi.as_view(), name="api-group-person"),
    path("people/<int:pk>/lock/", people_admin.GroupPersonLockApi.as_view(), name="api-group-person-lock"),
    path("people/<int:pk>/unlock/", people_admin.GroupPersonUnlockApi.as_view(), name="api-group-person-unlock"),
    path("people/<int:pk>/password-reset/", people_admin.GroupPersonPasswordResetApi.as_view(),
         name="api-group-person-password-reset"),
]
