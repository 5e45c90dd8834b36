from django.urls import path

from modules.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.findings, name="findings"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
    path("proposals/", views.proposals, name="proposals"),
    path("sheets/", views.sheets, name="sheets"),
    path("sheets/<int:person_id>/<str:month>/", views.sheet, name="sheet"),
]
