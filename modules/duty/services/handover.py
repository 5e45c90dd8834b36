"""Handover 交接班 (D-04, D-05): the outgoing officer opens it, the incoming officer arrives, checks
each item and reads the log, both sign; only then does the new shift begin and the old one close."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.duty import selectors
from modules.duty.models import Arrival, Handover, HandoverItem, ShiftInstance
from modules.duty.services.events import duty_event_write, person_name
from modules.duty.services.instances import arrival_record, instance_transition, shift_instance_ensure


def next_instance(*, instance: ShiftInstance) -> ShiftInstance | None:
    """The shift of the same post that starts next after `instance` (D-05: who takes over)."""
    slot = selectors.next_shift_slot(instance=instance)
    return shift_instance_ensure(shift=slot[0], day=slot[1]) if slot else None


def blocking_lines(*, instance: ShiftInstance) -> list[str]:
    """D-05: the important unfinished work of a shift, as staff read it (time, kind, content)."""
    return [f"{timezone.localtime(e.occurred_at):%H:%M} {e.get_kind_display()}：{e.content[:60]}"
            for e in selectors.blocking_items(instance=instance)]


def refuse_if_blocked(*, instance: ShiftInstance) -> None:
    """D-05: important unfinished work must be finished (or released by the supervisor) first. The
    refusal names the work, never a record id."""
    lines = blocking_lines(instance=instance)
    if lines:
        raise NotAllowedNow(f"有 {len(lines)} 项重要工作未完成，不能交班：请先标记完成或请主管放行",
                            code="important_item_open", fields={"entries": lines})


def _prefill(*, instance: ShiftInstance) -> str:
    """D-05: the unfinished work the outgoing staff list — the shift's open items (linked automatic
    entries not marked important are followed up at their source and left out)."""
    lines = []
    for entry in selectors.open_items(instance=instance):
        flag = "【重要】" if entry.important else ""
        lines.append(f"{flag}{timezone.localtime(entry.occurred_at):%H:%M} "
                     f"{entry.get_kind_display()}：{entry.content}")
    return "\n".join(lines)


@transaction.atomic
def handover_open(*, user, instance_id: int, unfinished_work: str = "", area_note: str = "") -> Handover:
    """D-05: the outgoing officer (on the roster of the shift) opens the handover."""
    instance = ShiftInstance.objects.select_for_update(of=("self",)).select_related("shift__post").filter(
        pk=instance_id).first()
    if instance is None:
        raise NotFound("没有这个班次")
    if not selectors.is_assigned(user=user, instance=instance):
        raise NotAllowedNow("您不在该班次的排班上", code="not_on_roster")
    if Handover.objects.filter(outgoing=instance).exists():
        raise NotAllowedNow("该班次已发起交接", code="handover_exists")
    refuse_if_blocked(instance=instance)
    incoming = next_instance(instance=instance)
    if incoming is None or Handover.objects.filter(incoming=incoming).exists():
        raise NotAllowedNow("没有可接班的班次", code="no_next_shift")
    if instance.status == ShiftInstance.PLANNED:
        instance_transition(instance=instance, to=ShiftInstance.ON_DUTY, user=user, note="交接时开始")
    elif instance.status != ShiftInstance.ON_DUTY:
        raise NotAllowedNow("该班次已交班", code="shift_closed")
    prefill = _prefill(instance=instance)
    handover = Handover.objects.create(
        outgoing=instance, incoming=incoming, opened_at=timezone.now(), outgoing_user_id=user.pk,
        outgoing_user_name=person_name(user), area_note=area_note.strip(),
        unfinished_work="\n".join(filter(None, [prefill, unfinished_work.strip()])))
    checklist = instance.shift.post.checklist if instance.shift.post else []
    HandoverItem.objects.bulk_create([HandoverItem(handover=handover, name=name) for name in checklist])
    early = selectors.handover_early_by(instance=instance, at=handover.opened_at)
    duty_event_write(object_type="handover", object_id=handover.pk, kind="opened", user=user,
                     to_status=Handover.OPEN, note=early_note(early))
    return handover


def early_note(early: timedelta | None) -> str:
    """D-04/D-05: how early a handover was opened, for its history ("" when not early)."""
    if early is None:
        return ""
    hours, minutes = divmod(int(early.total_seconds()) // 60, 60)
    left = f"{hours} 小时 {minutes} 分钟" if hours else f"{minutes} 分钟"
    return f"距班次结束还有 {left}时提前发起"


# D-03/D-05: the handover steps that leave its status as it is; naming the incoming officer is one of
# them, allowed only while the handover is open and nobody has arrived to take over
NAMING_ALLOWED = {Handover.OPEN}


@transaction.atomic
def handover_incoming_name(*, user, handover_id: int, person_id: int, note: str = "") -> Handover:
    """D-03/D-05: nobody is rostered on the next shift, so nobody could take over; the supervisor names
    the incoming officer (put on the roster of that shift, an event of the handover says who named whom)."""
    from modules.duty.people import office_person
    from modules.duty.services.roster import assignment_add

    handover = Handover.objects.select_for_update().filter(pk=handover_id).first()
    if handover is None:
        raise NotFound("没有这个交接")
    if handover.status not in NAMING_ALLOWED:
        raise NotAllowedNow("交接已完成", code="handover_completed")
    if handover.incoming_user_id:
        raise NotAllowedNow("接班人已到岗", code="incoming_taken")
    incoming = ShiftInstance.objects.select_for_update().get(pk=handover.incoming_id)
    if selectors.on_duty_people(instance=incoming).exists():
        raise NotAllowedNow("下一班已有排班，由排班人员接班（换人须经请假或调班审批）", code="incoming_rostered")
    person = office_person(user_id=person_id)
    if person is None or person.pk == handover.outgoing_user_id:
        message = "请选择本管理处的其他值班人员"
        raise ValidationFailed(message, fields={"person": [message]})
    assignment_add(user=user, day=incoming.date, shift_id=incoming.shift_id, person_id=person.pk)
    duty_event_write(object_type="handover", object_id=handover.pk, kind="incoming_named", user=user,
                     note=f"{person_name(person)} {(note or '').strip()}".strip())
    _tell_named(handover=handover, incoming=incoming, person=person)
    return handover


def _tell_named(*, handover: Handover, incoming: ShiftInstance, person) -> None:
    """D-03: the person named is told at once (in the app, and by e-mail through the outbox), once."""
    from django.db import connection

    from core.notifications.services import notification_send
    from tenants.models import Tenant

    office = Tenant.objects.get(schema_name=connection.schema_name)
    starts = timezone.localtime(incoming.starts_at)
    notification_send(users=[person], tenant=office, title=f"您被指定接班：{starts:%m-%d %H:%M} {incoming.shift.name}",
                      url=f"/duty/handovers/{handover.pk}/", dedupe_key=f"handover-incoming:{handover.pk}:{person.pk}")


def _locked_open(handover_id: int) -> Handover:
    handover = Handover.objects.select_for_update().filter(pk=handover_id).first()
    if handover is None:
        raise NotFound("没有这个交接")
    if handover.status != Handover.OPEN:
        raise NotAllowedNow("交接已完成", code="handover_completed")
    return handover


def _as_incoming(handover: Handover, user) -> None:
    if handover.incoming_user_id != user.pk:
        raise NotAllowedNow("请接班人先登记到岗", code="not_incoming_officer")


@transaction.atomic
def handover_arrive(*, user, handover_id: int) -> Arrival:
    """D-04: the incoming officer registers arrival; later than the setting before the start is late."""
    handover = _locked_open(handover_id)
    if handover.incoming_user_id and handover.incoming_user_id != user.pk:
        raise NotAllowedNow("已有接班人登记", code="incoming_taken")
    if user.pk == handover.outgoing_user_id or not selectors.is_assigned(user=user, instance=handover.incoming):
        raise NotAllowedNow("您不在下一班次的排班上", code="not_on_roster")
    arrival = arrival_record(user=user, instance=handover.incoming)
    handover.incoming_user_id, handover.incoming_user_name = user.pk, person_name(user)
    handover.save(update_fields=["incoming_user_id", "incoming_user_name"])
    duty_event_write(object_type="handover", object_id=handover.pk, kind="arrived", user=user,
                     note="迟到" if arrival.late else "")
    return arrival


@transaction.atomic
def handover_item_check(*, user, handover_id: int, item_id: int, state: str, explanation: str = "") -> HandoverItem:
    """D-05: the incoming officer checks an item; damage or loss is explained and recorded."""
    handover = _locked_open(handover_id)
    _as_incoming(handover, user)
    item = handover.items.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise NotFound("没有这个物品")
    if state not in {HandoverItem.OK, HandoverItem.DAMAGED, HandoverItem.MISSING}:
        raise ValidationFailed("状态无效", fields={"state": ["状态无效"]})
    if state != HandoverItem.OK and not (explanation or "").strip():
        raise ValidationFailed("损坏或缺失须说明原因", fields={"explanation": ["损坏或缺失须说明原因"]})
    if handover.incoming_signed_at:
        raise NotAllowedNow("接班人已签字", code="already_signed")
    from_state = item.state
    item.state, item.explanation, item.checked_at = state, (explanation or "").strip(), timezone.now()
    item.save(update_fields=["state", "explanation", "checked_at"])
    duty_event_write(object_type="handover", object_id=handover.pk, kind="item_checked", user=user,
                     from_status=from_state, to_status=state, note=f"{item.name} {item.explanation}".strip())
    return item


@transaction.atomic
def handover_log_read(*, user, handover_id: int) -> Handover:
    """D-05: the incoming officer confirms having read the log and asked about unfinished work."""
    handover = _locked_open(handover_id)
    _as_incoming(handover, user)
    if not handover.log_read_at:
        handover.log_read_at = timezone.now()
        handover.save(update_fields=["log_read_at"])
        duty_event_write(object_type="handover", object_id=handover.pk, kind="log_read", user=user)
    return handover


@transaction.atomic
def handover_area_check(*, user, handover_id: int, note: str = "", anomaly: str = "") -> Handover:
    """D-05 (seed 000: 检查区域内有无异常情况，发现异常情况要求交班人作出解释，并做好记录): the incoming
    officer records the check of the area before signing; an anomaly found waits for the outgoing
    officer's explanation. Recorded again before signing, a new anomaly needs a new explanation."""
    handover = _locked_open(handover_id)
    _as_incoming(handover, user)
    if handover.incoming_signed_at:
        raise NotAllowedNow("接班人已签字", code="already_signed")
    note, anomaly = (note or "").strip(), (anomaly or "").strip()
    if not note and not anomaly:
        raise ValidationFailed("请填写区域检查情况", fields={"note": ["请填写检查情况或发现的异常"]})
    if anomaly != handover.area_anomaly:
        handover.anomaly_explanation, handover.anomaly_explained_at = "", None
    handover.area_checked_at, handover.area_check_note, handover.area_anomaly = timezone.now(), note, anomaly
    handover.save(update_fields=["area_checked_at", "area_check_note", "area_anomaly", "anomaly_explanation",
                                 "anomaly_explained_at"])
    duty_event_write(object_type="handover", object_id=handover.pk, kind="area_checked", user=user,
                     note=f"异常：{anomaly}" if anomaly else note)
    return handover


@transaction.atomic
def handover_anomaly_explain(*, user, handover_id: int, explanation: str) -> Handover:
    """D-05: the outgoing officer explains the anomaly the incoming officer found in the area."""
    handover = _locked_open(handover_id)
    if user.pk != handover.outgoing_user_id:
        raise NotAllowedNow("只有交班人可以解释异常情况", code="not_outgoing_officer")
    if not handover.area_anomaly or handover.anomaly_explained_at:
        raise NotAllowedNow("没有待解释的异常情况", code="no_anomaly")
    if not (explanation or "").strip():
        raise ValidationFailed("请填写解释", fields={"explanation": ["请填写解释"]})
    handover.anomaly_explanation, handover.anomaly_explained_at = explanation.strip(), timezone.now()
    handover.save(update_fields=["anomaly_explanation", "anomaly_explained_at"])
    duty_event_write(object_type="handover", object_id=handover.pk, kind="anomaly_explained", user=user,
                     note=handover.anomaly_explanation)
    return handover


@transaction.atomic
def handover_sign(*, user, handover_id: int) -> Handover:
    """D-05: both sign; the second signature completes the handover, closes the outgoing shift and
    starts the incoming one. Either signature, whichever comes first, is refused while important work
    is open or an anomaly of the area is unexplained (selectors.handover_sign_refusal)."""
    handover = _locked_open(handover_id)
    refusal = selectors.handover_sign_refusal(handover=handover, user_id=user.pk)
    if refusal is not None:
        if refusal[0] == "important_item_open":
            refuse_if_blocked(instance=handover.outgoing)
        raise NotAllowedNow(refusal[1], code=refusal[0])
    if user.pk == handover.outgoing_user_id:
        handover.outgoing_signed_at = timezone.now()
    else:
        handover.incoming_signed_at = timezone.now()
    handover.save(update_fields=["outgoing_signed_at", "incoming_signed_at"])
    duty_event_write(object_type="handover", object_id=handover.pk, kind="signed", user=user)
    if handover.outgoing_signed_at and handover.incoming_signed_at:
        _complete(handover=handover, user=user)
    return handover


def _complete(*, handover: Handover, user) -> None:
    outgoing = ShiftInstance.objects.select_for_update().get(pk=handover.outgoing_id)
    incoming = ShiftInstance.objects.select_for_update().get(pk=handover.incoming_id)
    refuse_if_blocked(instance=outgoing)
    if Handover.COMPLETED not in Handover.TRANSITIONS[handover.status]:
        raise NotAllowedNow("交接状态不允许完成", code="handover_" + handover.status)
    handover.status, handover.completed_at = Handover.COMPLETED, timezone.now()
    handover.save(update_fields=["status", "completed_at"])
    duty_event_write(object_type="handover", object_id=handover.pk, kind="status", user=user,
                     from_status=Handover.OPEN, to_status=Handover.COMPLETED)
    instance_transition(instance=outgoing, to=ShiftInstance.CLOSED, user=user, note="交班完成")
    if incoming.status == ShiftInstance.PLANNED:
        instance_transition(instance=incoming, to=ShiftInstance.ON_DUTY, user=user, note="接班完成")
