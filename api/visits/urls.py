from django.urls import path

from api.visits import views

urlpatterns = [
    path("", views.VisitQueueApi.as_view(), name="api-visits"),
    path("<int:pk>/", views.VisitDetailApi.as_view(), name="api-visit"),
    path("<int:pk>/attempt/", views.VisitAttemptApi.as_view(), name="api-visit-attempt"),
    path("<int:pk>/answer/", views.VisitAnswerApi.as_view(), name="api-visit-answer"),
]
