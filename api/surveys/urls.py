from django.urls import path

from api.surveys import views

urlpatterns = [
    path("waves/", views.OfficeWaveListApi.as_view(), name="api-survey-waves"),
    path("waves/<int:pk>/", views.OfficeWaveApi.as_view(), name="api-survey-wave"),
    path("waves/<int:pk>/answers.xlsx", views.OfficeAnswersExportApi.as_view(), name="api-survey-answers-xlsx"),
    path("waves/<int:pk>/paper/", views.OfficePaperApi.as_view(), name="api-survey-paper"),
]
