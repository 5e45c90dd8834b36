from django.urls import path

from api.training import views

urlpatterns = [
    path("plans/", views.PlansApi.as_view(), name="api-training-plans"),
    path("plans/<int:pk>/", views.PlanApi.as_view(), name="api-training-plan"),
    path("plans/<int:pk>/items/", views.PlanItemsApi.as_view(), name="api-training-plan-items"),
    path("plans/<int:pk>/submit/", views.PlanSubmitApi.as_view(), name="api-training-plan-submit"),
    path("plans/<int:pk>/approve/", views.PlanApproveApi.as_view(), name="api-training-plan-approve"),
    path("plans/<int:pk>/return/", views.PlanReturnApi.as_view(), name="api-training-plan-return"),
    path("sessions/", views.SessionsApi.as_view(), name="api-training-sessions"),
    path("sessions/<int:pk>/", views.SessionApi.as_view(), name="api-training-session"),
    path("sessions/<int:pk>/attendance/", views.SessionAttendanceApi.as_view(), name="api-training-attendance"),
    path("sessions/<int:pk>/record/", views.SessionRecordApi.as_view(), name="api-training-session-record"),
    path("exams/", views.ExamsApi.as_view(), name="api-training-exams"),
    path("exams/<int:pk>/", views.ExamApi.as_view(), name="api-training-exam"),
    path("exams/<int:pk>/results/", views.ExamResultsApi.as_view(), name="api-training-exam-results"),
    path("inductions/", views.InductionsApi.as_view(), name="api-training-inductions"),
    path("pass-rates/", views.PassRatesApi.as_view(), name="api-training-pass-rates"),
]
