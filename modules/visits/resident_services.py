"""Writes of resident visits 走访 (V-01, V-02): the plan over the roster split among staff, a visit's
ratings, feedback to residents, the monthly summary drafted on the 1st, edited and signed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.visits import models as m
from modules.visits.models import (
    MonthlyVisitSummary,
    PlanTarget,
    ResidentVisit,
    ResidentVisitEvent,
    VisitFeedback,
    VisitPlan,
)

QUOTES = 5
WORST_BUILDINGS = 3
MAX_STAFF = 200
MAX_PLAN_DAYS = 366  # a plan's period is at most a year


def _event(*, kind: str, user, plan=None, visit=None, summary=None, before: str = "", after: str = "",
           note: str = "", at=None) -> ResidentVisitEvent:
    """V-02: the history row of a write, inside the write's own transaction (never on its own)."""
    return ResidentVisitEvent.objects.create(kind=kind, user=user, plan=plan, visit=visit, summary=summary,
                                             from_status=before, to_status=after, note=(note or "")[:500],
                                             at=at or timezone.now())


def _transition(table: dict[str, dict[str, str]], action: str, state: str, *, code: str) -> str:
    """The state `action` leads to from `state` in `table`; an action the table lacks is refused (409)."""
    target = table[action].get(state)
    if target is None:
        raise NotAllowedNow("当前状态不能进行这一操作。", code=f"{code}_cannot_{action}")
    return target


def _office_staff(staff_ids: list[int]) -> list[int]:
    """The ids that are active members of this office whose role records visits (visits.handle); anyone
    else — another office's people, a cashier — is refused naming the field."""
    from core.permissions import PERMISSIONS
    from tenants.models import Membership

    ids = list(dict.fromkeys(int(i) for i in staff_ids))
    if not ids or len(ids) > MAX_STAFF:
        raise ValidationFailed("请选择本处的走访人员。", fields={"staff_ids": ["请选择本处的走访人员"]})
    found = set(Membership.objects.filter(tenant__schema_name=connection.schema_name, is_active=True,
                                          user__is_active=True, role__in=PERMISSIONS["visits.handle"],
                                          user_id__in=ids).values_list("user_id", flat=True))
    if found != set(ids):
        raise ValidationFailed("请选择本处的走访人员。", fields={"staff_ids": ["请选择本处的走访人员"]})
    return ids


def plan_split(household_ids: list[int], staff_ids: list[int]) -> list[tuple[int, int]]:
    """V-02: (household, staff) pairs — the roster, in order, cut into contiguous blocks of (nearly) equal
    size, one per staff member, so one person covers neighbouring homes. Pure: the plan page's preview
    and `visit_plan_create` share it, so the split shown is the split made."""
    if not staff_ids:
        return []
    base, extra = divmod(len(household_ids), len(staff_ids))
    pairs, start = [], 0
    for index, staff in enumerate(staff_ids):
        size = base + (1 if index < extra else 0)
        pairs.extend((h, staff) for h in household_ids[start:start + size])
        start += size
    return pairs


def roster_household_ids() -> list[int]:
    """Every active household (home or enterprise) of the roster, in roster order."""
    from modules.residents.models import Household

    return list(Household.objects.filter(is_active=True)
                .order_by("unit__building__sort_key", "unit__sort_key", "id").values_list("id", flat=True))


def _check_period(period_start: date, period_end: date) -> None:
    if period_end < period_start:
        raise ValidationFailed("结束日期应不早于开始日期。", fields={"period_end": ["结束日期应不早于开始日期"]})
    if (period_end - period_start).days >= MAX_PLAN_DAYS:
        raise ValidationFailed("走访计划最长一年。", fields={"period_end": ["走访计划最长一年"]})


def visit_plan_create(*, user, period_start: date, period_end: date, staff_ids: list[int]) -> VisitPlan:
    """V-01/V-02: every active household of the roster is a target, split among `staff_ids` in roster
    order (`plan_split`). One plan per period; the plan, its targets and its event are one transaction."""
    _check_period(period_start, period_end)
    staff = _office_staff(staff_ids)
    homes = roster_household_ids()
    if not homes:
        raise ValidationFailed("花名册中没有住户，无法制定走访计划。", fields={"period_start": ["花名册中没有住户"]})
    try:
        with transaction.atomic():
            plan = VisitPlan.objects.create(period_start=period_start, period_end=period_end, created_by=user)
            PlanTarget.objects.bulk_create([PlanTarget(plan=plan, household_id=h, staff_id=s)
                                            for h, s in plan_split(homes, staff)])
            _event(kind=ResidentVisitEvent.PLAN_CREATED, user=user, plan=plan,
                   note=f"{len(homes)} 户，{len(staff)} 人")
    except IntegrityError as exc:
        raise ValidationFailed("这一期间已有走访计划。", fields={"period_start": ["这一期间已有走访计划"]}) from exc
    return plan


def _ratings(ratings) -> dict:
    topics = dict(m.TOPICS)
    if not isinstance(ratings, dict) or not ratings or len(ratings) > len(topics):
        raise ValidationFailed("请为走访内容评分。", fields={"ratings": ["请为走访内容评分"]})
    clean = {}
    for key, value in ratings.items():
        if key not in topics or isinstance(value, bool) or not isinstance(value, int) \
                or not m.RATING_MIN <= value <= m.RATING_MAX:
            raise ValidationFailed("评分不正确。", fields={"ratings": [f"{key}: 1–5"]})
        clean[key] = value
    return clean


def resident_visit_record(*, user, household_id: int, ratings: dict, comments: str = "",
                          visited_at: datetime | None = None, plan_id: int | None = None) -> ResidentVisit:
    """V-01: a visit's ratings and words; the household's target in `plan_id` (if any) is marked visited."""
    from modules.residents.models import Household

    clean = _ratings(ratings)
    if len(comments or "") > 2000:
        raise ValidationFailed("业户意见过长。", fields={"comments": ["最多 2000 字"]})
    now = timezone.now()
    visited_at = visited_at or now
    if visited_at > now:
        raise ValidationFailed("走访时间不能晚于现在。", fields={"visited_at": ["走访时间不能晚于现在"]})
    if not Household.objects.filter(pk=household_id).exists():
        raise ValidationFailed("没有这一户。", fields={"household_id": ["没有这一户"]})
    with transaction.atomic():
        target, before, after = None, "", ""
        if plan_id is not None:
            target = PlanTarget.objects.select_for_update().filter(plan_id=plan_id, household_id=household_id).first()
            if target is None:
                raise ValidationFailed("这一户不在该走访计划中。", fields={"plan_id": ["这一户不在该走访计划中"]})
            before = target.state
            after = _transition(m.TARGET_TRANSITIONS, "visit", before, code="target")
            if target.visited_at is None:
                target.visited_at = visited_at
                target.save(update_fields=["visited_at"])
        visit = ResidentVisit.objects.create(household_id=household_id, target=target, visited_by=user,
                                             visited_at=visited_at, ratings=clean, comments=(comments or "").strip())
        _event(kind=ResidentVisitEvent.VISITED, user=user, visit=visit, before=before, after=after,
               note=f"{len(clean)} 项评分")
    return visit


def visit_feedback_record(*, user, visit_id: int, method: str, text: str) -> VisitFeedback:
    """V-02: the feedback given back to the resident."""
    if method not in dict(m.METHODS):
        raise ValidationFailed("方式不正确。", fields={"method": ["方式不在列表中"]})
    text = (text or "").strip()
    if not text or len(text) > 2000:
        raise ValidationFailed("请填写反馈内容。", fields={"text": ["请填写反馈内容（最多 2000 字）"]})
    with transaction.atomic():
        visit = ResidentVisit.objects.select_for_update().filter(pk=visit_id).first()
        if visit is None:
            raise NotFound("走访记录不存在。")
        feedback = VisitFeedback.objects.create(visit=visit, by=user, at=timezone.now(), method=method, text=text)
        _event(kind=ResidentVisitEvent.FEEDBACK, user=user, visit=visit, at=feedback.at,
               note=f"{feedback.get_method_display()}：{text}")
    return feedback


def visit_summary_draft(*, month: date) -> MonthlyVisitSummary:
    """V-02: the month's summary drafted from its visits (once per month; an existing one is kept)."""
    from modules.visits.selectors import resident_visit_figures

    first = month.replace(day=1)
    existing = MonthlyVisitSummary.objects.filter(month=first).first()
    if existing is not None:
        return existing
    figures = resident_visit_figures(month=first, worst=WORST_BUILDINGS, quotes=QUOTES)
    try:
        with transaction.atomic():
            row = MonthlyVisitSummary.objects.create(month=first, figures=figures, drafted_at=timezone.now())
            _event(kind=ResidentVisitEvent.DRAFTED, user=None, summary=row, after=row.state, at=row.drafted_at,
                   note=f"{figures['visits']} 次走访")
            return row
    except IntegrityError:
        return MonthlyVisitSummary.objects.get(month=first)


def _summary_lock(summary_id: int, action: str) -> tuple[MonthlyVisitSummary, str, str]:
    """The summary locked, its state and the state `action` leads to (SUMMARY_TRANSITIONS; signed: 409)."""
    row = MonthlyVisitSummary.objects.select_for_update().filter(pk=summary_id).first()
    if row is None:
        raise NotFound("走访总结不存在。")
    before = row.state
    if m.SUMMARY_TRANSITIONS[action].get(before) is None:
        raise NotAllowedNow("总结已签署，不能再修改。", code="summary_signed")
    return row, before, _transition(m.SUMMARY_TRANSITIONS, action, before, code="summary")


def visit_summary_edit(*, user, summary_id: int, narrative: str) -> MonthlyVisitSummary:
    """V-02: the director's narrative, until signed. An unchanged text writes nothing."""
    narrative = (narrative or "").strip()
    if len(narrative) > 5000:
        raise ValidationFailed("总结过长。", fields={"narrative": ["最多 5000 字"]})
    with transaction.atomic():
        row, before, after = _summary_lock(summary_id, "edit")
        if row.narrative != narrative:
            row.narrative = narrative
            row.save(update_fields=["narrative"])
            _event(kind=ResidentVisitEvent.EDITED, user=user, summary=row, before=before, after=after,
                   note=f"{len(narrative)} 字")
    return row


def visit_summary_sign(*, user, summary_id: int) -> MonthlyVisitSummary:
    """V-02: the director signs; a signed summary is frozen."""
    with transaction.atomic():
        row, before, after = _summary_lock(summary_id, "sign")
        if not row.narrative.strip():
            raise ValidationFailed("请先填写总结。", fields={"narrative": ["请先填写总结"]})
        row.signed_at, row.signed_by = timezone.now(), user
        row.save(update_fields=["signed_at", "signed_by"])
        _event(kind=ResidentVisitEvent.SIGNED, user=user, summary=row, before=before, after=after,
               at=row.signed_at)
    return row


def visit_summaries_draft_every_office(*, today: date | None = None) -> dict:
    """The beat of the 1st (V-02): last month's summary drafted in every office, each on its own."""
    from core.calendar import local
    from core.sweeps import for_each_office

    first = (today or local(timezone.now()).date()).replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    return for_each_office(name="monthly visit summary",
                           sweep=lambda *, office: bool(visit_summary_draft(month=previous)))
