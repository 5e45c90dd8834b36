"""C-17: what happens when a complaint's step falls due soon or overdue. The clock engine
(core/clocks, declared in modules/complaints/clocks.py) finds, locks and batches the rows; these
handlers mark one row, write its event and say who is told."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from django.db import connection
from django.db.models import DateTimeField, ExpressionWrapper, IntegerField, Q, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce

from core.clocks import Notice
from core.permissions import SUPERIOR_OF
from modules.complaints.models import Complaint
from modules.complaints.services._common import event_write

KINDS = {"due_soon": "due", "overdue": "overdue"}  # threshold → the kind in the reminder key


def due_soon_window(now: datetime, lead: timedelta) -> Q:
    """C-17/S-08: inside the complaint's own due-soon window (its sla snapshot; `lead` is the catalog's
    `complaint.due_soon_minutes` for a complaint without one), in SQL: no fixed lookahead caps it."""
    minutes = Coalesce(Cast(KT("sla__due_soon_minutes"), IntegerField()),
                       Value(int(lead.total_seconds() // 60)))
    until = ExpressionWrapper(Value(now) + minutes * Value(timedelta(minutes=1)), output_field=DateTimeField())
    return Q(due_at__lte=until)


def complaint_due_soon_mark(complaint: Complaint, now: datetime) -> Notice:
    """C-17: the step is due soon: marked once, its people told."""
    complaint.due_soon_marked_at = now
    complaint.save(update_fields=["due_soon_marked_at"])
    return _notice(complaint=complaint, kind="due")


def complaint_overdue_mark(complaint: Complaint, now: datetime) -> Notice:
    """C-17: overdue counts against the office's on-time rate (overdue_at is kept)."""
    complaint.step_overdue = True
    complaint.overdue_at = complaint.overdue_at or complaint.due_at
    complaint.save(update_fields=["step_overdue", "overdue_at"])
    event_write(complaint=complaint, kind="overdue", actor="系统", from_status=complaint.status,
                note=step_label(complaint), at=now, data={"step": complaint.next_step})
    return _notice(complaint=complaint, kind="overdue")


def responsible_users(*, complaint: Complaint, members) -> list:
    """Whoever holds the step (the assignee, else the receiver; directors for head-office steps) and
    the superior of their role in this office (core.permissions.SUPERIOR_OF). `members` is the office's
    directory (core.clocks.members), read once per run."""
    if complaint.next_step in ("notify_hq", "report_result"):
        holders = members.with_roles("office_director")
    else:
        holder_id = complaint.assignee_id or complaint.received_by_id
        holders = members.of_user(holder_id) if holder_id else []
    superior_roles = {SUPERIOR_OF[m.role] for m in holders if m.role in SUPERIOR_OF}
    if not holders:
        superior_roles = {"cs_supervisor"}
    return members.users(holders + members.with_roles(*superior_roles))


def _notice(*, complaint: Complaint, kind: str) -> Notice:
    step = step_label(complaint)
    title = f"投诉 {complaint.number}「{step}」" + ("已超时" if kind == "overdue" else "即将到期")
    return Notice(to=lambda members: responsible_users(complaint=complaint, members=members), title=title,
                  body=complaint.content[:200], url=f"/complaints/{complaint.pk}/")


def step_label(complaint: Complaint) -> str:
    """The step's label, translating one label (get_next_step_display translates every choice)."""
    return str(_step_labels().get(complaint.next_step, complaint.next_step))


@lru_cache(maxsize=1)
def _step_labels() -> dict:
    return dict(Complaint._meta.get_field("next_step").flatchoices)


def reminder_key(*, complaint: Complaint, kind: str) -> str:
    """C-17: one reminder per occurrence of a step. The step's due time is part of the key, so a step
    that comes back (C-08 progress every N working days) is reminded again for each new deadline."""
    due = int(complaint.due_at.timestamp()) if complaint.due_at else 0
    return f"{connection.schema_name}:{complaint.pk}:{complaint.next_step}@{due}:{kind}"
