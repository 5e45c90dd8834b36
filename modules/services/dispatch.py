"""S-04: dispatch a booking to an internal department (a work order in its queue, F-02) or to an approved
subcontractor 服务分包方; the subcontractor register and the evaluation after every job (S-07)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg
from django.utils import timezone

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.catalog.selectors import setting_value
from modules.services import models as m
from modules.services.money import money
from modules.services.services import _actor, _event, _lock, _text


def subcontractor_register(*, user, name: str, contract_from: date, contract_to: date, qualifications: str = "",
                           item_ids: list[int] | None = None) -> m.Subcontractor:
    """S-04 (seed 002 §4.2.6): a selected subcontractor enters the register as approved."""
    if contract_from is None or contract_to is None or contract_to < contract_from:
        raise ValidationFailed("合同期限不正确。", fields={"contract_to": ["须晚于合同开始"]})
    ids = [int(i) for i in (item_ids or [])[:100] if isinstance(i, int) and not isinstance(i, bool)]
    return m.Subcontractor.objects.create(name=_text(name, "name", "分包方", max_length=200),
                                          qualifications=_text(qualifications, "qualifications", "资质",
                                                               max_length=2000, required=False),
                                          contract_from=contract_from, contract_to=contract_to, item_ids=ids)


@transaction.atomic
def subcontractor_set_status(*, subcontractor_id: int, status: str, user) -> m.Subcontractor:
    if status not in dict(m.SUBCONTRACTOR_STATUSES):
        raise ValidationFailed("状态无效。", fields={"status": ["无效的选项"]})
    sub = m.Subcontractor.objects.select_for_update().filter(pk=subcontractor_id).first()
    if sub is None:
        raise NotFound("分包方不存在。")
    sub.status = status
    if status == m.APPROVED:
        sub.flagged_for_review = False
    sub.save(update_fields=["status", "flagged_for_review"])
    return sub


@transaction.atomic
def booking_dispatch(*, booking_id: int, user, department: str = "", subcontractor_id: int | None = None,
                     fee=None) -> m.Booking:
    """S-04: to a department (its work-order queue) or to an approved subcontractor whose contract is running
    and who covers the item; a suspended one is refused (409) and nothing is written."""
    if bool(department) == bool(subcontractor_id):
        raise ValidationFailed("请选择部门或分包方之一。", fields={"department": ["部门与分包方二选一"]})
    booking, target = _lock(booking_id, "dispatch")
    if department:
        from modules.frontdesk.services.workorders import workorder_dispatch

        order = workorder_dispatch(user=user, department=department, content=f"{booking.number} {booking.item_name}"
                                   f" {booking.name} {booking.note}"[:2000], location=booking.address[:128],
                                   household_id=booking.household_id, source_type="service_booking",
                                   source_id=booking.pk)
        booking.department, booking.workorder_id = department, order.pk
        booking.save(update_fields=["department", "workorder_id"])
        note = f"{department} {order.number}"
    else:
        sub = m.Subcontractor.objects.filter(pk=subcontractor_id).first()
        if sub is None:
            raise ValidationFailed("分包方不存在。", fields={"subcontractor_id": ["分包方不存在"]})
        today = timezone.localdate()
        if sub.status != m.APPROVED or not sub.contract_from <= today <= sub.contract_to:
            raise NotAllowedNow("只能派给合格且在合同期内的分包方。", fields={"subcontractor_id": ["分包方已暂停或不在合同期"]})
        if sub.item_ids and booking.item_id not in sub.item_ids:
            raise NotAllowedNow("该分包方不承接此服务项目。", fields={"subcontractor_id": ["不承接此项目"]})
        booking.subcontractor, booking.subcontractor_fee = sub, money(fee, field="fee", required=False)
        booking.save(update_fields=["subcontractor", "subcontractor_fee"])
        note = sub.name
    _event(booking, action="dispatch", user=user, from_state=booking.status, to_state=target, note=note)
    return booking


@transaction.atomic
def booking_evaluate(*, booking_id: int, user, score: int, note: str = "") -> m.Evaluation:
    """S-04/S-07: the evaluation of a finished job; a subcontractor whose average falls below the catalog's
    threshold is flagged for review."""
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise ValidationFailed("评分须为 1–5。", fields={"score": ["须为 1–5 的整数"]})
    booking = m.Booking.objects.select_for_update().filter(pk=booking_id).first()
    if booking is None:
        raise NotFound("预约不存在。")
    if booking.status not in (m.CONFIRMED, m.CHECKED, m.SETTLED) or m.Evaluation.objects.filter(booking=booking).exists():
        raise NotAllowedNow("住户确认后才能评价，且每单只评价一次。")
    work = m.WorkRecord.objects.filter(booking=booking).first()
    evaluation = m.Evaluation.objects.create(booking=booking, subcontractor=booking.subcontractor, score=score,
                                             worker_name=work.worker_name if work else "", by_name=_actor(user),
                                             note=_text(note, "note", "说明", max_length=500, required=False),
                                             at=timezone.now())
    if booking.subcontractor_id:
        average = m.Evaluation.objects.filter(subcontractor_id=booking.subcontractor_id).aggregate(a=Avg("score"))["a"]
        if Decimal(str(average)) < Decimal(str(setting_value("service.subcontractor_review_below"))):
            m.Subcontractor.objects.filter(pk=booking.subcontractor_id).update(flagged_for_review=True)
    _event(booking, action="evaluate", user=user, from_state=booking.status, to_state=booking.status,
           note=str(score))
    if work is not None and work.recorded_by_id and not booking.subcontractor_id:
        # S-07/A-04: a poor evaluation of the office's own worker proposes the rule's points (the supervisor
        # decides); a subcontractor's job counts against the subcontractor, above
        from modules.assessment.hooks import proposal_from_service_evaluation

        proposal_from_service_evaluation(evaluation_id=evaluation.pk, person_id=work.recorded_by_id, score=score,
                                         evaluated_at=evaluation.at, number=booking.number, user=user)
    return evaluation
