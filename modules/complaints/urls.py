from django.urls import path

from modules.complaints.views import detail, incidents, prints, queue, register, spot_checks

app_name = "complaints"
urlpatterns = [
    path("", queue.queue_view, name="queue"),
    path("new/", register.register_view, name="register"),
    path("new/unit-history/", register.unit_history_view, name="unit-history"),
    path("spot-checks/", spot_checks.spot_checks_view, name="spot-checks"),
    path("incidents/", incidents.incidents_view, name="incidents"),
    path("incidents/<int:pk>/", incidents.incident_view, name="incident"),
    path("incidents/<int:pk>/do/<slug:action>/", incidents.incident_action_view, name="incident-action"),
    path("<int:pk>/", detail.detail_view, name="detail"),
    path("<int:pk>/do/<slug:action>/", detail.action_view, name="action"),
    path("<int:pk>/referrals/<int:referral_id>/print/", prints.referral_print_view, name="referral-print"),
    path("<int:pk>/replies/<int:reply_id>/print/", prints.reply_print_view, name="reply-print"),
]
