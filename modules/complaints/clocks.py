"""The complaint clock (C-17), declared to the core engine from `apps.ready()`: a step due soon and a
step overdue are two thresholds of one clock on `Complaint.due_at`."""

from __future__ import annotations

from django.db.models import Q

from core.clocks import Clock, Threshold, clock_register


def register() -> None:
    from modules.complaints.models import OPEN_STATUSES, Complaint
    from modules.complaints.services import reminders

    clock_register(Clock(
        name="complaints.step",
        rows=lambda: Complaint.objects.filter(status__in=OPEN_STATUSES),
        thresholds=(
            # the window is the complaint's own sla snapshot, else the catalog's complaint.due_soon_minutes
            Threshold(name="due_soon", lead_setting="complaint.due_soon_minutes", passed=reminders.due_soon_window,
                      pending=Q(due_soon_marked_at__isnull=True, step_overdue=False),
                      handle=lambda row, now: reminders.complaint_due_soon_mark(row, now)),
            Threshold(name="overdue", passed=lambda now, lead: Q(due_at__lt=now), pending=Q(step_overdue=False),
                      handle=lambda row, now: reminders.complaint_overdue_mark(row, now)),
        ),
        key=lambda complaint, threshold: reminders.reminder_key(complaint=complaint,
                                                                kind=reminders.KINDS[threshold]),
    ))
