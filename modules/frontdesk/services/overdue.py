"""F-02: the overdue sweep of work orders — every office, each open order past its due time marked
once and its department's staff and the CS supervisor told once (per due time)."""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from core.permissions import CS_SUPERVISOR
from core.sweeps import for_each_office, for_each_row
from modules.frontdesk.models import WorkOrder
from modules.frontdesk.models import work as wo
from modules.frontdesk.services.common import event_write


def workorder_overdue_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """For every office tenant: the open work orders past their due time (F-02). Rows are locked with
    skip_locked, so two sweeps at once never tell anyone twice. Each office and each order is swept on
    its own (core.sweeps): one that fails is logged and rolled back alone, the others go on."""
    now = now or timezone.now()
    return for_each_office(name="work-order overdue sweep",
                           sweep=lambda *, office: workorder_overdue_sweep_office(office=office, now=now))


def workorder_overdue_sweep_office(*, office, now: datetime) -> int:
    with transaction.atomic():
        rows = (WorkOrder.objects.select_for_update(skip_locked=True)
                .filter(status__in=wo.OPEN_STATUSES, due_at__lt=now)
                .filter(Q(overdue_for__isnull=True) | ~Q(overdue_for=F("due_at"))).order_by("due_at", "id"))
        return for_each_row(name="work-order overdue sweep", rows=rows,
                            handle=lambda order: _mark_overdue(order=order, office=office, now=now))


def _mark_overdue(*, order: WorkOrder, office, now: datetime) -> None:
    """F-02: once per due time: the marker, an event, and the people told."""
    order.overdue_for = order.due_at
    order.save(update_fields=["overdue_for"])
    event_write(entity="workorder", entity_id=order.pk, action="overdue", from_state=order.status,
                to_state=order.status, note=f"应完成 {timezone.localtime(order.due_at):%Y-%m-%d %H:%M}", at=now)
    _tell(order=order, office=office)


def overdue_recipients(*, order: WorkOrder, office) -> list:
    """The staff of the order's department and the CS supervisor(s) of this office (F-02)."""
    from tenants.models import Membership

    members = (Membership.objects.filter(tenant=office, is_active=True, role__in=(order.department, CS_SUPERVISOR))
               .select_related("user"))
    return list({m.user.pk: m.user for m in members}.values())


def _tell(*, order: WorkOrder, office) -> None:
    from core.notifications.services import notification_send

    due = timezone.localtime(order.due_at)
    notification_send(users=overdue_recipients(order=order, office=office), tenant=office,
                      title=f"工单 {order.number} 已超时（{order.get_department_display()}）",
                      body=f"应于 {due:%Y-%m-%d %H:%M} 完成：{order.content[:200]}",
                      url=f"/frontdesk/workorders/{order.pk}/",
                      dedupe_key=f"{connection.schema_name}:workorder:{order.pk}:overdue:{order.due_at.isoformat()}")
