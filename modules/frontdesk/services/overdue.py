"""F-02: what happens when a work order passes its due time. The clock engine (core/clocks, declared
in modules/frontdesk/clocks.py) finds, locks and batches the orders; this handler marks one order once
per due time, writes its event and names its department's staff and the CS supervisor."""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.utils import timezone

from core.clocks import Notice
from core.permissions import CS_SUPERVISOR
from modules.frontdesk.models import WorkOrder
from modules.frontdesk.services.common import event_write


def workorder_overdue_mark(order: WorkOrder, now: datetime) -> Notice:
    """F-02: once per due time: the marker, an event, and the people told."""
    order.overdue_for = order.due_at
    order.save(update_fields=["overdue_for"])
    event_write(entity="workorder", entity_id=order.pk, action="overdue", from_state=order.status,
                to_state=order.status, note=f"应完成 {timezone.localtime(order.due_at):%Y-%m-%d %H:%M}", at=now)
    due = timezone.localtime(order.due_at)
    return Notice(to=lambda members: overdue_recipients(order=order, members=members),
                  title=f"工单 {order.number} 已超时（{order.get_department_display()}）",
                  body=f"应于 {due:%Y-%m-%d %H:%M} 完成：{order.content[:200]}",
                  url=f"/frontdesk/workorders/{order.pk}/")


def overdue_recipients(*, order: WorkOrder, members) -> list:
    """The staff of the order's department and the CS supervisor(s) of this office (F-02)."""
    return members.users(members.with_roles(order.department, CS_SUPERVISOR))


def overdue_key(order: WorkOrder, threshold: str = "overdue") -> str:
    """One reminder per order and due time (F-02)."""
    return f"{connection.schema_name}:workorder:{order.pk}:{threshold}:{order.due_at.isoformat()}"
