from django.urls import path

from api.surveys import views

urlpatterns = [
    path("questionnaires/", views.QuestionnaireListApi.as_view(), name="api-hq-survey-questionnaires"),
    path("questionnaires/<int:pk>/", views.QuestionnaireApi.as_view(), name="api-hq-survey-questionnaire"),
    path("questionnaires/<int:pk>/questions/", views.QuestionAddApi.as_view(), name="api-hq-survey-question-add"),
    path("questionnaires/<int:pk>/version/", views.QuestionnaireVersionApi.as_view(),
         name="api-hq-survey-questionnaire-version"),
    path("waves/", views.WaveListApi.as_view(), name="api-hq-survey-waves"),
    path("waves/<int:pk>/results/", views.WaveResultsApi.as_view(), name="api-hq-survey-results"),
    path("waves/<int:pk>/results.xlsx", views.WaveResultsExportApi.as_view(), name="api-hq-survey-results-xlsx"),
    path("waves/<int:pk>/close/", views.WaveCloseApi.as_view(), name="api-hq-survey-close"),
    path("waves/<int:pk>/publish/", views.WavePublishApi.as_view(), name="api-hq-survey-publish"),
]
