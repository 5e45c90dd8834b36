from django.urls import path

from modules.residents import views, views_places

app_name = "residents"
urlpatterns = [
    path("", views.resident_list_view, name="list"),
    path("new/", views.resident_create_view, name="create"),
    path("import/", views.roster_import_view, name="import"),
    path("import/template.xlsx", views.roster_template_view, name="import-template"),
    path("import/jobs/<int:pk>/", views.roster_job_view, name="import-job"),
    path("households/search/", views.households_search_view, name="households-search"),
    path("buildings/", views_places.building_list_view, name="buildings"),
    path("buildings/<int:pk>/edit/", views_places.building_edit_view, name="building-edit"),
    path("units/<int:pk>/edit/", views_places.unit_edit_view, name="unit-edit"),
    path("households/<int:pk>/edit/", views_places.household_edit_view, name="household-edit"),
    path("<int:pk>/", views.resident_detail_view, name="detail"),
    path("<int:pk>/edit/", views.resident_edit_view, name="edit"),
]
