"""Handled on the spot 当场处理 (C-03)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.errors import ValidationFailed
from modules.complaints import deadlines
from modules.complaints.models import STEP_REPLY, Complaint
from modules.complaints.services._common import complaint_lock, event_write, step_set, transition_check


def complaint_handle_on_spot(*, user, complaint_id: int, solution: str,
                             solved_at: datetime | None = None) -> Complaint:
    """C-03: the receiving staff solved it at once. Recording it here is the report to the duty center
    (a duty-log entry, D-06), due within `onspot_report_hours` of solving it (late counts as overdue,
    C-17); the phone reply is due within `onspot_phone_reply_hours`."""
    from modules.duty.hooks import duty_log_auto_entry

    now = timezone.now()
    solved_at = solved_at or now
    if not (solution or "").strip():
        raise ValidationFailed("请填写处理情况。", fields={"solution": ["请填写处理情况"]})
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        before = complaint.status
        complaint.status = transition_check(complaint=complaint, action="handle_on_spot")
        if solved_at < complaint.received_at or solved_at > now:
            raise ValidationFailed("处理时间应在接待时间与现在之间。", fields={"solved_at": ["时间不对"]})
        report_due = deadlines.onspot_report_due(solved_at=solved_at, sla=complaint.sla)
        if now > report_due:
            complaint.overdue_at = complaint.overdue_at or report_due
        complaint.onspot_reported_at = now
        complaint.reply_due_at = deadlines.onspot_reply_due(solved_at=solved_at, sla=complaint.sla)
        step_set(complaint=complaint, step=STEP_REPLY, due_at=complaint.reply_due_at)
        complaint.save()
        event_write(complaint=complaint, kind="handled_on_spot", user=user, from_status=before,
                    to_status=complaint.status, note=solution.strip(),
                    data={"solved_at": solved_at.isoformat(), "report_due": report_due.isoformat()})
        duty_log_auto_entry(kind="complaint", content=f"{complaint.number} 当场处理：{solution.strip()}"[:500],
                            source_type="complaint", source_id=complaint.pk, occurred_at=solved_at, user=user,
                            source_number=complaint.number)
    return complaint
