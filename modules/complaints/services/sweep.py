"""The deadline sweep (C-17): steps due soon and overdue, in every office, each told once."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import DateTimeField, ExpressionWrapper, IntegerField, Q, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from core.permissions import SUPERIOR_OF
from core.sweeps import for_each_office, for_each_row
from modules.catalog.selectors import setting_value
from modules.complaints import deadlines
from modules.complaints.models import OPEN_STATUSES, Complaint
from modules.complaints.services._common import event_write


def complaint_deadlines_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """For every office tenant: mark steps due soon and overdue and tell the people responsible and
    their superior. Rows are locked with skip_locked, so two sweeps at once never double up. Each
    office and each complaint is swept on its own (core.sweeps): one failing office or row is logged
    (and reported to Sentry through logging.exception) and the others are still swept."""
    now = now or timezone.now()
    return for_each_office(name="complaint deadline sweep",
                           sweep=lambda *, office: complaint_deadlines_sweep_office(office=office, now=now))


def _reminder_window(now: datetime) -> Q:
    """Overdue, or inside the complaint's own due-soon window (its sla snapshot, S-08), in SQL: no
    fixed lookahead caps `complaint.due_soon_minutes`."""
    minutes = Coalesce(Cast(KT("sla__due_soon_minutes"), IntegerField()),
                       Value(int(setting_value("complaint.due_soon_minutes"))))
    until = ExpressionWrapper(Value(now) + minutes * Value(timedelta(minutes=1)), output_field=DateTimeField())
    return Q(due_at__lte=now) | Q(due_at__lte=until)


def complaint_deadlines_sweep_office(*, office, now: datetime) -> int:
    with transaction.atomic():
        rows = (Complaint.objects.select_for_update(skip_locked=True)
                .filter(_reminder_window(now), status__in=OPEN_STATUSES, due_at__isnull=False,
                        step_overdue=False).order_by("due_at", "id"))
        return for_each_row(name="complaint deadline sweep", rows=rows,
                            handle=lambda complaint: _remind(complaint=complaint, office=office, now=now))


def _remind(*, complaint: Complaint, office, now: datetime) -> int:
    """C-17: mark one complaint overdue or due soon and tell its people; 1 when it was marked."""
    if deadlines.is_overdue(due_at=complaint.due_at, now=now):
        _mark_overdue(complaint=complaint, office=office, now=now)
        return 1
    if complaint.due_soon_marked_at is None and deadlines.is_due_soon(due_at=complaint.due_at, now=now,
                                                                      sla=complaint.sla):
        complaint.due_soon_marked_at = now
        complaint.save(update_fields=["due_soon_marked_at"])
        _tell(complaint=complaint, office=office, kind="due")
        return 1
    return 0


def _mark_overdue(*, complaint: Complaint, office, now: datetime) -> None:
    """C-17: overdue counts against the office's on-time rate (overdue_at is kept)."""
    complaint.step_overdue = True
    complaint.overdue_at = complaint.overdue_at or complaint.due_at
    complaint.save(update_fields=["step_overdue", "overdue_at"])
    event_write(complaint=complaint, kind="overdue", actor="系统", from_status=complaint.status,
                note=complaint.get_next_step_display(), at=now, data={"step": complaint.next_step})
    _tell(complaint=complaint, office=office, kind="overdue")


def responsible_users(*, complaint: Complaint, office) -> list:
    """Whoever holds the step (the assignee, else the receiver; directors for head-office steps) and
    the superior of their role in this office (core.permissions.SUPERIOR_OF)."""
    from tenants.models import Membership

    members = Membership.objects.filter(tenant=office, is_active=True).select_related("user")
    if complaint.next_step in ("notify_hq", "report_result"):
        holders = list(members.filter(role="office_director"))
    else:
        holder_id = complaint.assignee_id or complaint.received_by_id
        holders = list(members.filter(user_id=holder_id)) if holder_id else []
    superior_roles = {SUPERIOR_OF[m.role] for m in holders if m.role in SUPERIOR_OF}
    if not holders:
        superior_roles = {"cs_supervisor"}
    superiors = list(members.filter(role__in=superior_roles))
    users = {m.user.pk: m.user for m in holders + superiors}
    return list(users.values())


def _tell(*, complaint: Complaint, office, kind: str) -> None:
    from core.notifications.services import notification_send

    title = f"投诉 {complaint.number}「{complaint.get_next_step_display()}」" + ("已超时" if kind == "overdue" else "即将到期")
    notification_send(users=responsible_users(complaint=complaint, office=office), tenant=office, title=title,
                      body=complaint.content[:200], url=f"/complaints/{complaint.pk}/",
                      dedupe_key=reminder_key(complaint=complaint, kind=kind))


def reminder_key(*, complaint: Complaint, kind: str) -> str:
    """C-17: one reminder per occurrence of a step. The step's due time is part of the key, so a step
    that comes back (C-08 progress every N working days) is reminded again for each new deadline."""
    due = int(complaint.due_at.timestamp()) if complaint.due_at else 0
    return f"{connection.schema_name}:{complaint.pk}:{complaint.next_step}@{due}:{kind}"
