"""Writes of return visits 回访 (V-05, C-13, C-14).

`visit_schedule` is the one engine every module hands a finished matter to; nothing else writes visit
rows. The hooks (`complaint_closed`, `workorder_finished`) and `agreement_visits_schedule` are called
inside the caller's transaction: the visit row commits or rolls back with the close itself, so a closed
complaint never lacks its visit and a rolled-back close never leaves one behind."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.calendar import local
from core.errors import NotAllowedNow, NotFound, ValidationFailed
from core.moments import is_too_far_back, too_far_back_message
from modules.catalog.selectors import setting_value
from modules.visits import models as m
from modules.visits.models import ReturnVisit, VisitAttempt, VisitEvent

_FOUR = Decimal("0.0001")


@dataclass(frozen=True)
class Source:
    """A finished matter: its kind and id (+ occasion for an agreement's mid-term / end visit)."""

    kind: str
    id: int
    number: str = ""
    occasion: str = ""
    summary: str = ""
    household_id: int | None = None
    contact_name: str = ""
    contact_phone: str = ""


def _draw() -> Decimal:
    return Decimal(secrets.SystemRandom().random()).quantize(_FOUR)


def visit_schedule(*, source: Source, due_at: datetime | None = None, sample_percent: int | None = None,
                   draw: Decimal | None = None) -> ReturnVisit:
    """V-05: the visit of `source`, once per source (a second call returns the first row unchanged, its
    sampling decision never re-drawn). `sample_percent` set: the matter is visited only if the draw (in
    [0, 1), stored with the row) falls under the rate; otherwise the row records the decision and is
    never due."""
    if source.kind not in dict(m.SOURCE_KINDS):
        raise ValidationFailed("回访来源不正确。", fields={"source": ["来源不在列表中"]})
    existing = ReturnVisit.objects.filter(source_kind=source.kind, source_id=source.id,
                                          occasion=source.occasion).first()
    if existing is not None:
        return existing
    fields = {"source_kind": source.kind, "source_id": source.id, "occasion": source.occasion,
              "source_number": source.number[:32], "summary": source.summary[:200],
              "household_id": source.household_id, "contact_name": source.contact_name[:64],
              "contact_phone": source.contact_phone[:32], "due_at": due_at, "status": m.DUE}
    if sample_percent is not None:
        value = _draw() if draw is None else Decimal(draw).quantize(_FOUR)
        chosen = value < Decimal(int(sample_percent)) / 100
        fields.update(sample_rate_percent=int(sample_percent), sample_draw=value, sampled=chosen)
        if not chosen:
            fields.update(status=m.NOT_SAMPLED, due_at=None)
    try:
        with transaction.atomic():  # a savepoint: a concurrent schedule of the same source wins once
            visit = ReturnVisit.objects.create(**fields)
    except IntegrityError:
        return ReturnVisit.objects.get(source_kind=source.kind, source_id=source.id, occasion=source.occasion)
    _event(visit=visit, kind="scheduled", user=None, before="", note=_sample_note(visit))
    return visit


def _sample_note(visit: ReturnVisit) -> str:
    if visit.sampled is None:
        return ""
    return f"抽样 {visit.sample_rate_percent}%：{visit.sample_draw} → {'抽中' if visit.sampled else '未抽中'}"


def _event(*, visit: ReturnVisit, kind: str, user, before: str, note: str = "", at=None) -> None:
    VisitEvent.objects.create(visit=visit, kind=kind, user=user, from_status=before, to_status=visit.status,
                              note=note[:500], at=at or timezone.now())


# --- hooks of the modules that finish matters ------------------------------------------------------

def complaint_closed(complaint) -> ReturnVisit:
    """V-05 / C-14: every closed complaint is visited within the catalog's days of its close."""
    closed = complaint.closed_at or timezone.now()
    days = int(setting_value("visits.complaint_return_days", at=closed))
    return visit_schedule(source=Source(
        kind=m.COMPLAINT, id=complaint.pk, number=complaint.number, summary=complaint.content[:200],
        household_id=complaint.household_id, contact_name=complaint.complainant_name,
        contact_phone=complaint.complainant_phone), due_at=closed + timedelta(days=days))


def workorder_finished(order) -> ReturnVisit | None:
    """V-05: a finished (verified) repair work order — the engineering department's — is sampled at the
    catalog's rate in force at its finish; other departments' orders are not visited."""
    from modules.frontdesk.models import work as wo

    if order.department != wo.ENGINEERING:
        return None
    finished = order.verified_at or timezone.now()
    at = setting_value("visits.repair_sample_percent", at=finished)
    days = int(setting_value("visits.workorder_return_days", at=finished))
    contact = _contact_of(order.household_id)
    return visit_schedule(source=Source(
        kind=m.WORKORDER, id=order.pk, number=order.number, summary=order.content[:200],
        household_id=order.household_id, contact_name=contact[0], contact_phone=contact[1]),
        due_at=finished + timedelta(days=days), sample_percent=int(at))


def _contact_of(household_id: int | None) -> tuple[str, str]:
    """The household's first resident (name, phone), else empty."""
    from modules.residents.models import Resident

    if household_id is None:
        return "", ""
    row = Resident.objects.filter(household_id=household_id).order_by("id").values_list("name", "phone").first()
    return row or ("", "")


def agreement_visits_schedule(*, agreement_id: int, number: str, starts_on: date, ends_on: date,
                              summary: str = "", household_id: int | None = None, contact_name: str = "",
                              contact_phone: str = "") -> list[ReturnVisit]:
    """V-05: a long-term service agreement is visited at mid-term and at its end (the special-services
    module calls this when an agreement starts). Due at the end of the local day."""
    if ends_on < starts_on:
        raise ValidationFailed("协议结束日期早于开始日期。", fields={"ends_on": ["结束日期应不早于开始日期"]})
    middle = starts_on + (ends_on - starts_on) / 2
    tz = timezone.get_current_timezone()
    rows = []
    for occasion, day in (("mid", middle), ("end", ends_on)):
        due = timezone.make_aware(datetime.combine(day, time(23, 59)), tz)
        rows.append(visit_schedule(source=Source(
            kind=m.AGREEMENT, id=agreement_id, number=number, occasion=occasion, summary=summary,
            household_id=household_id, contact_name=contact_name, contact_phone=contact_phone), due_at=due))
    return rows


# --- making the visit -------------------------------------------------------------------------------

def _lock(visit_id: int) -> ReturnVisit:
    visit = ReturnVisit.objects.select_for_update().filter(pk=visit_id).first()
    if visit is None:
        raise NotFound("回访不存在。")
    return visit


def _transition(visit: ReturnVisit, action: str) -> str:
    target = m.TRANSITIONS[action].get(visit.status)
    if target is None:
        raise NotAllowedNow("此回访当前状态不能进行这一操作。", code=f"visit_cannot_{action}")
    return target


def _name(user) -> str:
    return (user.get_full_name() or user.get_username())[:64]


def visit_attempt_record(*, user, visit_id: int, method: str, reached: bool, note: str = "",
                         at: datetime | None = None) -> VisitAttempt:
    """V-05: one attempt — who, when, how, reached or not. The last allowed attempt failing ends the
    visit as unreached. A reached attempt is followed by `visit_answer_record`."""
    if method not in dict(m.METHODS):
        raise ValidationFailed("回访方式不正确。", fields={"method": ["方式不在列表中"]})
    if len(note or "") > 500:
        raise ValidationFailed("备注过长。", fields={"note": ["最多 500 字"]})
    now = timezone.now()
    at = at or now
    if at > now:
        raise ValidationFailed("回访时间不能晚于现在。", fields={"at": ["回访时间不能晚于现在"]})
    if is_too_far_back(at, now=now):  # a visit typed in afterwards: bounded like every typed time
        raise ValidationFailed("回访时间过早。", fields={"at": [str(too_far_back_message(now=now))]})
    with transaction.atomic():
        visit = _lock(visit_id)
        before = visit.status
        _transition(visit, "attempt")
        count = visit.attempts.count()
        if count >= m.MAX_ATTEMPTS:
            raise NotAllowedNow("已达到回访次数上限。", code="visit_attempts_exhausted")
        attempt = VisitAttempt.objects.create(visit=visit, by=user, by_name=_name(user), at=at, method=method,
                                              reached=bool(reached), note=note or "")
        if not reached and count + 1 >= m.MAX_ATTEMPTS:
            visit.status = _transition(visit, "attempt_last_failed")
            visit.save(update_fields=["status"])
        _event(visit=visit, kind="attempt", user=user, before=before,
               note=f"{attempt.get_method_display()}：{'已联系上' if reached else '未联系上'} {note or ''}".strip())
    return attempt


def visit_answer_record(*, user, visit_id: int, answer: str, words: str = "",
                        praised_staff_id: int | None = None) -> ReturnVisit:
    """V-05: the resident's answer and words, after a reached attempt. 不满意 starts a new complaint
    linked to the original through the complaints module's own path (C-13). A resident who praises a
    staff member by name (`praised_staff_id`) proposes praise points for them (A-04, assessment hooks)."""
    if answer not in dict(m.ANSWERS):
        raise ValidationFailed("回访结果不正确。", fields={"answer": ["请选择满意、基本满意或不满意"]})
    words = (words or "").strip()
    if len(words) > 2000:
        raise ValidationFailed("客户意见过长。", fields={"words": ["最多 2000 字"]})
    if answer == m.DISSATISFIED and not words:
        raise ValidationFailed("请填写客户的不满意见。", fields={"words": ["请填写客户意见"]})
    with transaction.atomic():
        visit = _lock(visit_id)
        before = visit.status
        visit.status = _transition(visit, "answer")
        reached = visit.attempts.filter(reached=True).order_by("-at", "-id").first()
        if reached is None:
            raise NotAllowedNow("请先记录一次联系上客户的回访。", code="visit_not_reached")
        visit.answer, visit.answer_words = answer, words
        # V-04: the answer counts in the period the resident gave it — the reached attempt's time, which
        # staff may type in afterwards — not the moment it was keyed in
        visit.answered_at, visit.answered_by = reached.at, user
        if answer == m.DISSATISFIED:
            visit.follow_up_complaint_id = _complaint_from_dissatisfaction(visit=visit, user=user, words=words)
        visit.save()
        _event(visit=visit, kind="answered", user=user, before=before,
               note=f"{visit.get_answer_display()} {words}".strip())
        if praised_staff_id:
            from modules.assessment.hooks import proposal_from_visit

            proposal_from_visit(visit=visit, staff_id=praised_staff_id, user=user)
    return visit


def _complaint_from_dissatisfaction(*, visit: ReturnVisit, user, words: str) -> int:
    """C-13: a complaint's visit reopens it through `complaint_reopen_dissatisfied` (a new complaint linked
    to the old); another source's visit registers a new complaint citing its number."""
    from modules.complaints import services as complaints

    if visit.source_kind == m.COMPLAINT:
        return complaints.complaint_reopen_dissatisfied(user=user, complaint_id=visit.source_id,
                                                        opinion=f"回访不满意：{words}").pk
    new = complaints.complaint_register(
        user=user, channel="phone", category="repairs" if visit.source_kind == m.WORKORDER else "other",
        content=f"（{visit.get_source_kind_display()} {visit.source_number} 回访不满意）{words}",
        complainant_name=visit.contact_name or "回访客户", complainant_phone=visit.contact_phone,
        household_id=visit.household_id)
    return new.pk


def visit_overdue_mark(visit: ReturnVisit, now: datetime):
    """The clock's handler: once per visit, the marker, an event and who is told (CS supervisors)."""
    from core.clocks import Notice
    from core.permissions import CS_STAFF, CS_SUPERVISOR

    visit.overdue_marked_at = now
    visit.save(update_fields=["overdue_marked_at"])
    _event(visit=visit, kind="overdue", user=None, before=visit.status, at=now,
           note=f"应于 {local(visit.due_at):%Y-%m-%d %H:%M} 回访")
    return Notice(to=lambda members: members.users(members.with_roles(CS_SUPERVISOR, CS_STAFF)),
                  title=f"回访已超时：{visit.get_source_kind_display()} {visit.source_number}",
                  body=visit.summary, url=f"/visits/{visit.pk}/")
