from django.urls import path

from api.residents import views, views_places

urlpatterns = [
    path("", views.ResidentListCreateApi.as_view(), name="api-residents"),
    path("<int:pk>/", views.ResidentDetailApi.as_view(), name="api-resident"),
    path("households/", views.HouseholdSearchApi.as_view(), name="api-residents-households"),
    path("households/<int:pk>/", views_places.HouseholdDetailApi.as_view(), name="api-residents-household"),
    path("buildings/", views.BuildingListApi.as_view(), name="api-residents-buildings"),
    path("buildings/<int:pk>/", views_places.BuildingDetailApi.as_view(), name="api-residents-building"),
    path("units/<int:pk>/", views_places.UnitDetailApi.as_view(), name="api-residents-unit"),
    path("units/", views.UnitListApi.as_view(), name="api-residents-units"),
    path("import/", views.RosterImportApi.as_view(), name="api-residents-import"),
    path("import/jobs/<int:pk>/", views.RosterJobApi.as_view(), name="api-residents-import-job"),
]
