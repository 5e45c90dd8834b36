from django.urls import path

from modules.visits import views

app_name = "visits"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("resident/", views.resident_view, name="resident"),
    path("summaries/<int:pk>/", views.summary_view, name="summary"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/attempt/", views.attempt_view, name="attempt"),
    path("<int:pk>/answer/", views.answer_view, name="answer"),
]
