from django.urls import path

from modules.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("<int:pk>/", views.wave_view, name="wave"),
    path("<int:pk>/paper/", views.paper_view, name="paper"),
    path("<int:pk>/export.xlsx", views.wave_export_view, name="export"),
]
