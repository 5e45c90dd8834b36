from django.urls import path

from modules.surveys import hq_views as views

app_name = "surveys_hq"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("questionnaires/new/", views.questionnaire_new_view, name="questionnaire_new"),
    path("questionnaires/<int:pk>/", views.questionnaire_view, name="questionnaire"),
    path("questionnaires/<int:pk>/questions/", views.question_add_view, name="question_add"),
    path("questionnaires/<int:pk>/questions/<int:question_id>/remove/", views.question_remove_view,
         name="question_remove"),
    path("questionnaires/<int:pk>/version/", views.questionnaire_version_view, name="questionnaire_version"),
    path("waves/new/", views.wave_new_view, name="wave_new"),
    path("waves/<int:pk>/", views.wave_view, name="wave"),
    path("waves/<int:pk>/export.xlsx", views.wave_export_view, name="wave_export"),
    path("waves/<int:pk>/close/", views.wave_close_view, name="wave_close"),
    path("waves/<int:pk>/publish/", views.wave_publish_view, name="wave_publish"),
]
