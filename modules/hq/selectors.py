"""Reads of the head-office complaint center. Only rows the bridge delivered: never an office schema.

Overdue is computed at read time from stored times (C-17 for cases, C-16 for forwarded results), so
no sweep has to run in the hq schema for the inbox to be right."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.contrib.postgres.aggregates import ArrayAgg, BoolOr
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Max, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.calendar import SHANGHAI
from core.errors import ValidationFailed
from core.moments import date_in_range, date_range_message
from modules.hq.models import HqCase, HqComplaint
from tenants.models import Tenant
from tenants.selectors import office_list

PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _yes_no(value, field: str) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).lower()
    if text in ("1", "true", "yes"):
        return True
    if text in ("0", "false", "no"):
        return False
    raise ValidationFailed("筛选条件无效。", fields={field: ["应为 yes 或 no"]})


def period_bounds(period: str) -> tuple[datetime, datetime]:
    """"YYYY-MM" → the month's [start, end) in Asia/Shanghai."""
    match = PERIOD_RE.match(period or "")
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValidationFailed("期间格式应为 YYYY-MM。", fields={"period": ["格式应为 YYYY-MM"]})
    year, month = int(match[1]), int(match[2])
    if not date_in_range(date(max(year, 1), month, 1)):  # 9999-12 would overflow below
        raise ValidationFailed(date_range_message(), fields={"period": [date_range_message()]})
    start = datetime(year, month, 1, tzinfo=SHANGHAI)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=SHANGHAI)
    return start, end


def _case_overdue_q(now: datetime) -> Q:
    return Q(overdue=True) | Q(due_at__lt=now, completed_at__isnull=True)


def case_list(*, office: str = "", office_text: str = "", status: str = "", overdue=None, collective=None, period: str = "",
              assignee_id: int | None = None, open_only=None, assigned=None,
              now: datetime | None = None) -> QuerySet[HqCase]:
    """The inbox (C-10, C-11): filters office slug (or `office_text` in its name or slug), status, overdue, collective, period (YYYY-MM), and
    the quality-department manager a case was assigned to (R-02)."""
    now = now or timezone.now()
    qs = HqCase.objects.annotate(
        is_overdue=ExpressionWrapper(_case_overdue_q(now), output_field=BooleanField()))
    if office:
        qs = qs.filter(office_slug=office)
    if office_text:
        qs = qs.filter(Q(office_name__icontains=office_text) | Q(office_slug__icontains=office_text))
    if status:
        qs = qs.filter(status=status)
    overdue, collective = _yes_no(overdue, "overdue"), _yes_no(collective, "collective")
    if overdue is not None:
        qs = qs.filter(_case_overdue_q(now)) if overdue else qs.exclude(_case_overdue_q(now))
    if collective is not None:
        qs = qs.filter(collective=collective)
    if assignee_id is not None:
        qs = qs.filter(assignee_id=assignee_id)
    if _yes_no(open_only, "open"):  # not yet completed at the office (the workbench's inbox counts)
        qs = qs.filter(completed_at__isnull=True)
    assigned = _yes_no(assigned, "assigned")
    if assigned is not None:  # given to a quality-department manager, or still waiting for one
        qs = qs.filter(assignee_id__isnull=not assigned)
    if period:
        start, end = period_bounds(period)
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
    return qs.order_by("-escalated_at", "-id")


def case_groups(cases: QuerySet[HqCase]) -> QuerySet:
    """The inbox's rows: one per matter (HqCase.case_key) among `cases` (case_list, filtered), the latest
    escalation first, each with every office the matter touched, how many escalations it holds, and the
    ids of its escalations newest first. One query a page, whatever the number of rows or offices."""
    return (cases.order_by().values("case_key")
            .annotate(latest=Max("escalated_at"), escalations=Count("pk"),
                      offices=ArrayAgg("office_name", distinct=True, order_by="office_name"),
                      ids=ArrayAgg("pk", order_by=("-escalated_at", "-pk")),
                      any_overdue=BoolOr("is_overdue"), any_collective=BoolOr("collective"))
            .order_by("-latest", "case_key"))


def case_group_rows(groups, *, now: datetime | None = None) -> list[dict]:
    """A page of case_groups with its lead case (the latest escalation) loaded, in one query."""
    groups = list(groups)
    leads = case_list(now=now).in_bulk([g["ids"][0] for g in groups])
    return [{**g, "case": leads[g["ids"][0]], "others": len(g["ids"]) - 1} for g in groups if g["ids"][0] in leads]


def case_same_matter(case: HqCase) -> QuerySet[HqCase]:
    """The other escalations of the matter `case` belongs to (any office), newest first."""
    if not case.case_key:
        return HqCase.objects.none()
    return HqCase.objects.filter(case_key=case.case_key).exclude(pk=case.pk).order_by("-escalated_at", "-id")


def case_get(*, pk: int, now: datetime | None = None) -> HqCase | None:
    return case_list(now=now).filter(pk=pk).prefetch_related("events").first()


def case_statuses() -> list[tuple[str, str]]:
    """The statuses present in the inbox, for the filter (the office module owns their names)."""
    rows = HqCase.objects.order_by("status").values_list("status", "status_label").distinct("status")
    return [(status, label or status) for status, label in rows]


def _result_overdue_q(now: datetime) -> Q:
    return Q(result_due_at__lt=Coalesce(F("result_reported_at"), Value(now)))


def _awaiting_q() -> Q:
    """C-16: forwarded and the office's result report not received yet."""
    return Q(status__in=(HqComplaint.FORWARDED, HqComplaint.COMPLETED), result_reported_at__isnull=True)


def hq_complaint_list(*, status: str = "", office: str = "", overdue=None, awaiting=None, due_today=None,
                      now: datetime | None = None) -> QuerySet[HqComplaint]:
    """Complaints head office registered (C-16); overdue = result not reported within the limit;
    awaiting = forwarded, result not reported yet; due_today = its result is due today (Asia/Shanghai)."""
    now = now or timezone.now()
    qs = HqComplaint.objects.annotate(
        result_overdue=ExpressionWrapper(_result_overdue_q(now), output_field=BooleanField()))
    if _yes_no(awaiting, "awaiting"):
        qs = qs.filter(_awaiting_q())
    if _yes_no(due_today, "due_today"):
        qs = qs.filter(_due_today_q(now))
    if status:
        if status not in dict(HqComplaint.STATUSES):
            raise ValidationFailed("状态无效。", fields={"status": ["无效选项"]})
        qs = qs.filter(status=status)
    if office:
        qs = qs.filter(office_slug=office)
    overdue = _yes_no(overdue, "overdue")
    if overdue is not None:
        qs = qs.filter(_result_overdue_q(now)) if overdue else qs.exclude(_result_overdue_q(now))
    return qs.order_by("-received_at", "-id")


def hq_complaint_get(*, pk: int, now: datetime | None = None) -> HqComplaint | None:
    return hq_complaint_list(now=now).filter(pk=pk).prefetch_related("events").first()


def office_get(*, slug: str) -> Tenant | None:
    """The office an hq complaint may be forwarded to (C-16), by its slug."""
    return office_list().filter(slug=slug).first()


def quality_managers(*, hq) -> list:
    """C-11/R-02: the head office's active quality-department managers, whom a case can be assigned to."""
    from core.permissions import HQ_QUALITY_MANAGER
    from tenants.models import User

    return list(User.objects.filter(memberships__tenant=hq, memberships__role=HQ_QUALITY_MANAGER,
                                    memberships__is_active=True, is_active=True).order_by("username"))


def quality_manager_get(*, hq, user_id) -> object | None:
    return next((user for user in quality_managers(hq=hq) if user.pk == user_id), None)


# the workbench (core/workbench.py; the card in modules/hq/workbench.py): hq's own tables only
def _due_today_q(now: datetime) -> Q:
    day = now.astimezone(SHANGHAI).date()
    start = datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)
    return Q(result_due_at__gte=start, result_due_at__lt=start + timedelta(days=1))


def case_inbox_counts(*, now: datetime) -> dict:
    """The inbox in one query: open cases (not completed at the office) waiting for a quality manager
    (new), assigned (in progress), and overdue (C-17) — each equal to the inbox filter it links to."""
    open_cases = HqCase.objects.filter(completed_at__isnull=True)
    # counted as the inbox shows them: one row per matter (case_groups)
    return open_cases.aggregate(new=Count("case_key", distinct=True, filter=Q(assignee_id__isnull=True)),
                                in_progress=Count("case_key", distinct=True, filter=Q(assignee_id__isnull=False)),
                                overdue=Count("case_key", distinct=True, filter=_case_overdue_q(now)))


def hq_complaint_result_counts(*, now: datetime) -> dict:
    """C-16 in one query: forwarded complaints whose result is awaited, due today, and overdue."""
    return HqComplaint.objects.filter(_awaiting_q()).aggregate(
        awaiting=Count("pk"), due_today=Count("pk", filter=_due_today_q(now)),
        overdue=Count("pk", filter=_result_overdue_q(now)))


def offices_with_overdue_cases(*, now: datetime, limit: int = 10) -> list[dict]:
    """C-17: the offices with the most overdue escalated cases (from the snapshots the bridge delivered)."""
    return list(HqCase.objects.filter(_case_overdue_q(now)).values("office_slug", "office_name")
                .annotate(count=Count("case_key", distinct=True)).order_by("-count", "office_name")[:limit])
