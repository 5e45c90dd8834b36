"""Missed calls (F-03) and office-tower visitors (F-04)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from core.errors import NotFound, ValidationFailed
from modules.frontdesk.models import MissedCall, Visitor
from modules.frontdesk.models import desk as d
from modules.frontdesk.services.common import actor_name, check_phone, event_write, next_state, require_text


def _not_future(moment: datetime | None, field: str) -> datetime:
    now = timezone.now()
    if moment is None:
        return now
    if moment > now + timedelta(minutes=5):
        raise ValidationFailed("时间不能晚于现在。", fields={field: ["不能是将来的时间"]})
    return moment


@transaction.atomic
def missed_call_record(*, user, phone: str, missed_at: datetime | None = None) -> MissedCall:
    """F-03: the number and time of a call nobody answered."""
    call = MissedCall.objects.create(phone=check_phone(phone), missed_at=_not_future(missed_at, "missed_at"))
    event_write(entity="missedcall", entity_id=call.pk, action="record", user=user, to_state=d.OPEN)
    return call


@transaction.atomic
def missed_call_callback(*, missed_call_id: int, user, reached: bool, result: str,
                         called_at: datetime | None = None) -> MissedCall:
    """F-03: a call-back attempt (who, when, result). Reaching the caller closes the item; an attempt
    that reaches nobody is kept as an event and the call stays on the not-called-back list."""
    call = MissedCall.objects.select_for_update().filter(pk=missed_call_id).first()
    if call is None:
        raise NotFound("记录不存在。")
    action = "callback_reached" if reached else "callback_unreached"
    target = next_state(d.CALL_TRANSITIONS, action=action, current=call.status, code="missed_call_already_called_back")
    result = require_text(result, "result", "回电结果")
    at = _not_future(called_at, "called_at")
    before = call.status
    call.status, call.attempts = target, call.attempts + 1
    if reached:
        call.called_back_at, call.called_back_by_name, call.result = at, actor_name(user), result
    call.save()
    event_write(entity="missedcall", entity_id=call.pk, action=action, user=user, from_state=before,
                to_state=target, note=result, at=at)
    return call


@transaction.atomic
def visitor_check_in(*, user, name: str, company: str, phone: str, building_id: int | None = None,
                     purpose: str = "", time_in: datetime | None = None) -> Visitor:
    """F-04: a visitor to an office tower is registered on the way in."""
    from modules.residents.models import Building

    if building_id is not None and not Building.objects.filter(pk=building_id).exists():
        raise ValidationFailed("楼栋不存在。", fields={"building_id": ["楼栋不存在"]})
    visitor = Visitor.objects.create(
        name=require_text(name, "name", "来访人", max_length=64),
        company=require_text(company, "company", "拜访单位", max_length=128), phone=check_phone(phone),
        building_id=building_id, purpose=(purpose or "").strip()[:255],
        time_in=_not_future(time_in, "time_in"), registered_by_name=actor_name(user),
    )
    event_write(entity="visitor", entity_id=visitor.pk, action="check_in", user=user, to_state=d.INSIDE,
                at=visitor.time_in)
    return visitor


@transaction.atomic
def visitor_check_out(*, visitor_id: int, user, time_out: datetime | None = None) -> Visitor:
    visitor = Visitor.objects.select_for_update().filter(pk=visitor_id).first()
    if visitor is None:
        raise NotFound("记录不存在。")
    target = next_state(d.VISITOR_TRANSITIONS, action="check_out", current=visitor.status,
                        code="visitor_already_left")
    at = _not_future(time_out, "time_out")
    if at < visitor.time_in:
        raise ValidationFailed("离开时间不能早于进入时间。", fields={"time_out": ["早于进入时间"]})
    before = visitor.status
    visitor.status, visitor.time_out = target, at
    visitor.save()
    event_write(entity="visitor", entity_id=visitor.pk, action="check_out", user=user, from_state=before,
                to_state=target, at=at)
    return visitor
