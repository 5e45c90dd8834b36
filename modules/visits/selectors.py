"""Reads of return visits (V-05) and the one satisfaction rate (V-04)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.calendar import SHANGHAI, local
from core.errors import NotFound
from modules.catalog.selectors import setting_value
from modules.visits import models as m
from modules.visits.models import ReturnVisit


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=SHANGHAI)
    return start, start + timedelta(days=1)


def visit_queue(*, now: datetime, due_today: bool = False, overdue: bool = False, source_kind: str = "",
                status: str = m.DUE) -> QuerySet:
    """V-05: the visits to make (or of `status`), soonest due first; filters: due today (local day),
    overdue, source kind."""
    qs = ReturnVisit.objects.all()
    if status:
        qs = qs.filter(status=status)
    if source_kind:
        qs = qs.filter(source_kind=source_kind)
    if overdue:
        qs = qs.filter(status=m.DUE, due_at__lt=now)
    if due_today:
        start, end = _day_bounds(local(now).date())
        qs = qs.filter(due_at__gte=start, due_at__lt=end)
    return qs.annotate(attempt_count=Count("attempts")).order_by("due_at", "id")


def visit_get(*, pk: int) -> ReturnVisit:
    visit = ReturnVisit.objects.filter(pk=pk).prefetch_related("attempts", "events").first()
    if visit is None:
        raise NotFound("回访不存在。")
    return visit


def visit_counts(*, now: datetime) -> dict:
    """The queue's and the workbench card's figures, in one query."""
    start, end = _day_bounds(local(now).date())
    due = Q(status=m.DUE)
    return ReturnVisit.objects.aggregate(
        due=Count("id", filter=due), overdue=Count("id", filter=due & Q(due_at__lt=now)),
        due_today=Count("id", filter=due & Q(due_at__gte=start, due_at__lt=end)))


def source_url(visit: ReturnVisit) -> str:
    """One click from a visit to its source record (an agreement's page belongs to the services module)."""
    if visit.source_kind == m.COMPLAINT:
        return f"/complaints/{visit.source_id}/"
    if visit.source_kind == m.WORKORDER:
        return f"/frontdesk/workorders/{visit.source_id}/"
    return ""


def satisfaction_rate(*, start: date, end: date, source_kind: str | None = None) -> dict:
    """V-04, the one definition: satisfied answers ÷ all answers of visits answered from `start` to `end`
    (local dates, inclusive). Which answers count as satisfied is the catalog's `visits.satisfied_answers`
    in force at the period's end (by default 满意 and 基本满意; 不满意 never). `rate` is None when nobody
    answered. Used by the visits page; the monthly report and dashboards call it too."""
    lo, _ = _day_bounds(start)
    _, hi = _day_bounds(end)
    counted = set(setting_value("visits.satisfied_answers", at=min(hi, timezone.now())))
    qs = ReturnVisit.objects.filter(status=m.ANSWERED, answered_at__gte=lo, answered_at__lt=hi)
    if source_kind:
        qs = qs.filter(source_kind=source_kind)
    figures = qs.aggregate(answers=Count("id"), satisfied=Count("id", filter=Q(answer__in=counted)),
                           **{f"n_{a}": Count("id", filter=Q(answer=a)) for a, _label in m.ANSWERS})
    total = figures["answers"]
    return {"answers": total, "satisfied": figures["satisfied"],
            "by_answer": {a: figures[f"n_{a}"] for a, _label in m.ANSWERS},
            "rate": (figures["satisfied"] / total) if total else None}
