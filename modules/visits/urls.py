from django.urls import path

from modules.visits import views

app_name = "visits"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("resident/", views.resident_view, name="resident"),
    path("plans/new/", views.plan_new_view, name="plan-new"),
    path("plans/<int:pk>/", views.plan_view, name="plan"),
    path("plans/<int:pk>/households/<int:household_id>/visit/", views.plan_visit_view, name="plan-visit"),
    path("resident-visits/<int:pk>/", views.resident_visit_view, name="resident-visit"),
    path("resident-visits/<int:pk>/feedback/", views.feedback_view, name="feedback"),
    path("summaries/draft/", views.summary_draft_view, name="summary-draft"),
    path("summaries/<int:pk>/", views.summary_view, name="summary"),
    path("summaries/<int:pk>/print/", views.summary_print_view, name="summary-print"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/attempt/", views.visit_step_view, {"step": "attempt"}, name="attempt"),
    path("<int:pk>/answer/", views.visit_step_view, {"step": "answer"}, name="answer"),
]
