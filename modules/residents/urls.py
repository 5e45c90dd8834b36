from django.urls import path

from modules.residents import views

app_name = "residents"
urlpatterns = [
    path("", views.resident_list_view, name="list"),
    path("new/", views.resident_create_view, name="create"),
    path("import/", views.roster_import_view, name="import"),
    path("households/search/", views.households_search_view, name="households-search"),
    path("<int:pk>/", views.resident_detail_view, name="detail"),
    path("<int:pk>/edit/", views.resident_edit_view, name="edit"),
]
