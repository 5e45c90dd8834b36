from django.urls import path

from api.visits import views

urlpatterns = [
    path("", views.VisitQueueApi.as_view(), name="api-visits"),
    path("<int:pk>/", views.VisitDetailApi.as_view(), name="api-visit"),
    path("<int:pk>/attempt/", views.VisitAttemptApi.as_view(), name="api-visit-attempt"),
    path("<int:pk>/answer/", views.VisitAnswerApi.as_view(), name="api-visit-answer"),
    path("plans/", views.PlanListApi.as_view(), name="api-visit-plans"),
    path("plans/<int:pk>/", views.PlanProgressApi.as_view(), name="api-visit-plan"),
    path("resident-visits/", views.ResidentVisitApi.as_view(), name="api-resident-visits"),
    path("resident-visits/<int:pk>/feedback/", views.FeedbackApi.as_view(), name="api-resident-visit-feedback"),
    path("summaries/<int:pk>/", views.SummaryApi.as_view(), name="api-visit-summary"),
    path("summaries/<int:pk>/sign/", views.SummarySignApi.as_view(), name="api-visit-summary-sign"),
]
