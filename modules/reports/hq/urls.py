from django.urls import path

from modules.reports.hq import views

app_name = "reports_hq"
urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("consolidated/", views.consolidated_view, name="consolidated"),
    path("consolidated/offices/", views.consolidated_offices_view, name="consolidated-offices"),
    path("consolidated.xlsx", views.consolidated_xlsx_view, name="consolidated-xlsx"),
    path("submitted/<int:pk>/", views.submitted_view, name="submitted"),
]
