"""Shared steps of every complaint state change (DESIGN.md convention 2): lock, check the
transition, write the event (C-15), set the next step (C-17), sync head office after commit (C-16)."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from core.errors import NotAllowedNow, NotFound
from modules.catalog.selectors import setting_values
from modules.complaints.deadlines import SLA_KEYS
from modules.complaints.models import TRANSITIONS, Complaint, ComplaintEvent

logger = logging.getLogger(__name__)


def actor_name(user) -> str:
    if user is None:
        return ""
    return getattr(user, "display_name", "") or getattr(user, "username", "") or str(user)


def sla_snapshot(*, at: datetime) -> dict:
    """S-08: the complaint.* numbers in force at `at`, frozen on the complaint."""
    values = setting_values([f"complaint.{key}" for key in SLA_KEYS], at=at)
    return {key: values[f"complaint.{key}"] for key in SLA_KEYS}


def sla_of(complaint: Complaint) -> dict:
    """The complaint's frozen settings (S-08); a key added after it was registered is read as it was in
    force when the complaint was received."""
    absent = [key for key in SLA_KEYS if key not in complaint.sla]
    values = setting_values([f"complaint.{key}" for key in absent], at=complaint.received_at) if absent else {}
    missing = {key: values[f"complaint.{key}"] for key in absent}
    return {**missing, **complaint.sla}


def duty_log_write(*, complaint: Complaint, user, text: str, result: str, at: datetime) -> None:
    """D-06 (seed 000: 值班人员应将所有客户投诉的处理结果记录在《值班记录表》上): a step of the complaint and
    its result, in the log of the shift running at `at`."""
    from modules.duty.hooks import duty_log_auto_entry

    duty_log_auto_entry(kind="complaint", content=f"{complaint.number} {text}"[:500], result=result[:500],
                        source_type="complaint", source_id=complaint.pk, occurred_at=at, user=user,
                        source_number=complaint.number)


def complaint_lock(*, complaint_id: int) -> Complaint:
    """The complaint row, locked until the end of the transaction."""
    complaint = Complaint.objects.select_for_update().filter(pk=complaint_id).first()
    if complaint is None:
        raise NotFound("没有这条投诉。")
    return complaint


def transition_check(*, complaint: Complaint, action: str) -> str:
    """The status `action` leads to from the complaint's status, or 409 when not allowed now."""
    allowed = TRANSITIONS[action]
    if complaint.status not in allowed:
        raise NotAllowedNow(f"投诉当前状态（{complaint.get_status_display()}）不能执行此操作。",
                            code=f"{action}_not_allowed")
    return allowed[complaint.status]


def event_write(*, complaint: Complaint, kind: str, user=None, from_status: str = "", to_status: str = "",
                note: str = "", data: dict | None = None, actor: str | None = None,
                at: datetime | None = None) -> ComplaintEvent:
    """C-15: one history line; after commit head office gets the new timeline of an escalated or
    forwarded complaint (C-16)."""
    event = ComplaintEvent.objects.create(
        complaint=complaint, kind=kind, at=at or timezone.now(), actor_id=getattr(user, "pk", None),
        actor_name=actor if actor is not None else actor_name(user), from_status=from_status,
        to_status=to_status or from_status, note=note, data=data or {},
    )
    if complaint.hq_case_id or complaint.hq_ref:
        hq_sync_schedule(complaint_id=complaint.pk)
    return event


def hq_sync_schedule(*, complaint_id: int) -> None:
    """After commit, queue the sync; with the broker down, sync right away instead, so head office
    never misses a step. A failing sync is logged and never undoes the office's committed change."""
    from core.tasks import enqueue
    from modules.complaints.tasks import complaint_sync_hq

    schema = connection.schema_name

    def send() -> None:
        if enqueue(complaint_sync_hq, complaint_id, schema_name=schema):
            return
        from modules.complaints.services.hq import complaint_sync_to_hq

        try:
            with schema_context(schema):
                complaint_sync_to_hq(complaint_id=complaint_id)
        except Exception:  # head office unreachable: the next event syncs the whole timeline again
            logger.warning("complaint %s: sync to head office failed", complaint_id, exc_info=True)

    transaction.on_commit(send)


def step_set(*, complaint: Complaint, step: str, due_at: datetime | None) -> None:
    """C-17: the next required step and its deadline; a new step starts with no reminder sent."""
    complaint.next_step, complaint.due_at = step, due_at
    complaint.step_overdue = False
    complaint.due_soon_marked_at = None


def step_done(*, complaint: Complaint, now: datetime) -> None:
    """The current step was done at `now`: late counts against the on-time rate (C-17)."""
    if complaint.due_at is not None and now > complaint.due_at and complaint.overdue_at is None:
        complaint.overdue_at = complaint.due_at


def current_office():
    """The office whose schema this connection is in: the request's tenant when it is set on the
    connection (no query), else read by schema name (a task, a sweep in `schema_context`)."""
    from tenants.models import Tenant

    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Tenant) and tenant.pk and tenant.schema_name == connection.schema_name:
        return tenant
    return Tenant.objects.get(schema_name=connection.schema_name)


def people_notify(*, complaint: Complaint, title: str, user_ids=None, roles=()) -> None:
    """Tell staff of this office about a complaint (in-app and e-mail through the outbox)."""
    from core.notifications.services import notification_send
    from tenants.models import Membership

    office = current_office()
    members = Membership.objects.filter(tenant=office, is_active=True).select_related("user")
    chosen = [m.user for m in members if m.user_id in set(user_ids or ()) or m.role in roles]
    if chosen:
        notification_send(users=chosen, tenant=office, title=f"投诉 {complaint.number}：{title}",
                          body=complaint.content[:200], url=f"/complaints/{complaint.pk}/")
