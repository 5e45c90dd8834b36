from django.urls import path

from modules.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("draft/", views.draft_view, name="draft"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/refresh/", views.refresh_view, name="refresh"),
    path("<int:pk>/correct/", views.correct_view, name="correct"),
    path("<int:pk>/print/", views.print_view, name="print"),
]
