"""Work orders (F-02): dispatch, accept, done, verify (or reject back), cancel."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.calendar import add_hours
from core.errors import Forbidden, NotFound, ValidationFailed
from modules.catalog.selectors import setting_value
from modules.frontdesk.models import WorkOrder
from modules.frontdesk.models import work as wo
from modules.frontdesk.services.common import actor_name, event_write, next_state, require_text
from modules.frontdesk.workorder_rules import STEP_NEEDS, actor_refusal

ENTITY = "workorder"
_STAMP = {wo.ACCEPTED: "accepted_at", wo.DONE: "done_at", wo.VERIFIED: "verified_at"}


def workorder_due_at(dispatched_at: datetime) -> datetime:
    """F-02: due time = dispatch + `frontdesk.workorder_due_hours` in force at dispatch (S-08)."""
    return add_hours(dispatched_at, setting_value("frontdesk.workorder_due_hours", at=dispatched_at))


@transaction.atomic
def workorder_dispatch(*, user, department: str, content: str, location: str = "",
                       household_id: int | None = None, source_type: str = "", source_id: int | None = None,
                       dispatched_at: datetime | None = None) -> WorkOrder:
    """F-02: a repair or other job sent to engineering, security, cleaning or greening."""
    if department not in dict(wo.DEPARTMENTS):
        raise ValidationFailed("请选择责任部门。", fields={"department": ["无效的部门"]})
    content = require_text(content, "content", "工作内容")
    _check_household(household_id)
    at = dispatched_at or timezone.now()
    order = WorkOrder.objects.create(
        department=department, content=content, location=(location or "").strip()[:128],
        household_id=household_id, source_type=source_type, source_id=source_id, status=wo.DISPATCHED,
        dispatched_at=at, due_at=workorder_due_at(at), created_by_name=actor_name(user),
    )
    event_write(entity=ENTITY, entity_id=order.pk, action="dispatch", user=user, to_state=wo.DISPATCHED,
                note=department, at=at)
    return order


def _check_household(household_id: int | None) -> None:
    from modules.residents.models import Household

    if household_id is not None and not Household.objects.filter(pk=household_id).exists():
        raise ValidationFailed("住户不存在。", fields={"household_id": ["住户不存在"]})


def _check_actor(order: WorkOrder, *, action: str, role: str) -> None:
    """Department staff act on their own department's orders only (accept, done); verifying,
    rejecting and cancelling are the front desk's (F-02)."""
    refusal = actor_refusal(order, action=action, role=role)
    if refusal == "not_found":
        raise NotFound("工单不存在。")
    if refusal == "front_desk_only":
        raise Forbidden("只有前台客服可以验证或取消工单。", code="front_desk_only")
    if refusal:
        raise Forbidden("您的角色不能处理工单。", code=refusal)


@transaction.atomic
def workorder_transition(*, work_order_id: int, action: str, user, role: str, note: str = "",
                         result: str = "") -> WorkOrder:
    order = WorkOrder.objects.select_for_update().filter(pk=work_order_id).first()
    if order is None:
        raise NotFound("工单不存在。")
    _check_actor(order, action=action, role=role)
    if STEP_NEEDS.get(action) == "result":
        result = require_text(result, "result", "处理结果")
    if STEP_NEEDS.get(action) == "note":
        note = require_text(note, "note", "原因")
    target = next_state(wo.TRANSITIONS, action=action, current=order.status, code=f"workorder_cannot_{action}")
    now = timezone.now()
    before, order.status = order.status, target
    if target in _STAMP:
        setattr(order, _STAMP[target], now)
    if result:
        order.result = result
    order.save()
    event_write(entity=ENTITY, entity_id=order.pk, action=action, user=user, from_state=before,
                to_state=target, note=note or result, at=now)
    if target == wo.VERIFIED:
        from modules.visits.services import workorder_finished

        workorder_finished(order)  # V-05: a finished repair order's sampled return visit, in this transaction
    return order
