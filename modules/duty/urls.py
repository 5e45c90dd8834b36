from django.urls import path

from modules.duty.views import day, handover, roster, shift

app_name = "duty"
urlpatterns = [
    path("", shift.now_view, name="now"),
    path("shifts/<int:pk>/", shift.shift_view, name="shift"),
    path("shifts/<int:pk>/sign/", shift.shift_sign_view, name="shift-sign"),
    path("shifts/<int:pk>/start/", shift.shift_start_view, name="shift-start"),
    path("shifts/<int:pk>/handover/", shift.handover_open_view, name="handover-open"),
    path("entries/add/", shift.entry_add_view, name="entry-add"),
    path("entries/<int:pk>/correct/", shift.entry_correct_view, name="entry-correct"),
    path("entries/<int:pk>/release/", shift.entry_release_view, name="entry-release"),
    path("entries/<int:pk>/complete/", shift.entry_complete_view, name="entry-complete"),
    path("handovers/<int:pk>/", handover.handover_view, name="handover"),
    path("handovers/<int:pk>/arrive/", handover.handover_arrive_view, name="handover-arrive"),
    path("handovers/<int:pk>/items/<int:item_pk>/", handover.handover_item_view, name="handover-item"),
    path("handovers/<int:pk>/log-read/", handover.handover_log_read_view, name="handover-log-read"),
    path("handovers/<int:pk>/sign/", handover.handover_sign_view, name="handover-sign"),
    path("handovers/<int:pk>/area/", handover.handover_area_view, name="handover-area"),
    path("handovers/<int:pk>/explain/", handover.handover_explain_view, name="handover-explain"),
    path("handovers/<int:pk>/incoming/", handover.handover_incoming_view, name="handover-incoming"),
    path("roster/", roster.roster_view, name="roster"),
    path("roster/<int:pk>/withdraw/", roster.assignment_withdraw_view, name="assignment-withdraw"),
    path("settings/", roster.settings_view, name="settings"),
    path("requests/", roster.requests_view, name="requests"),
    path("requests/new/", roster.request_create_view, name="request-create"),
    path("requests/<int:pk>/decide/", roster.request_decide_view, name="request-decide"),
    path("requests/<int:pk>/withdraw/", roster.request_withdraw_view, name="request-withdraw"),
    path("day/", day.day_view, name="day"),
    path("day/sign/", day.day_sign_view, name="day-sign"),
    path("week/", day.week_view, name="week"),
    path("week/check/", day.week_check_view, name="week-check"),
    path("archive/", day.archive_view, name="archive"),
    path("archive/month/", day.archive_month_view, name="archive-month"),
    path("archive/export/", day.export_view, name="export"),
]
