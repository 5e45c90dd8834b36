from django.urls import path

from modules.surveys import public_views

app_name = "surveys_public"
urlpatterns = [
    path("", public_views.list_view, name="list"),
    path("<int:pk>/", public_views.answer_view, name="answer"),
]
