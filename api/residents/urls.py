from django.urls import path

from api.residents import views

urlpatterns = [
    path("", views.ResidentListCreateApi.as_view(), name="api-residents"),
    path("<int:pk>/", views.ResidentDetailApi.as_view(), name="api-resident"),
    path("households/", views.HouseholdSearchApi.as_view(), name="api-residents-households"),
    path("buildings/", views.BuildingListApi.as_view(), name="api-residents-buildings"),
    path("units/", views.UnitListApi.as_view(), name="api-residents-units"),
    path("import/", views.RosterImportApi.as_view(), name="api-residents-import"),
]
