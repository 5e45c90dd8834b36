from django.urls import path

from modules.training import views

app_name = "training"
urlpatterns = [
    path("", views.plans, name="plans"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("exams/", views.exams, name="exams"),
    path("exams/<int:pk>/", views.exam_detail, name="exam"),
    path("inductions/", views.inductions, name="inductions"),
    path("pass-rates/", views.pass_rates, name="pass_rates"),
]
