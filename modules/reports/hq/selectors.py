"""Head office's reads of the monthly complaint report (C-18): which offices submitted a month's report
(with its version) and which are late, each frozen version, and the consolidated report across offices.
Every function is a fixed number of queries on this module's hq tables, whatever the number of offices;
none reads an office schema."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import translation

from core.errors import NotFound
from modules.reports.flat import RATES
from modules.reports.hq import models as m
from modules.reports.hq.models import MonthTotal, ReportExpectation, SubmittedFigure, SubmittedReport

# the per-office columns of the consolidated report, in the 月报's order
OFFICE_KEYS = ("received", "class:valid", "class:assisted", "class:invalid", "collective", "on_time:num",
               "on_time:den", "visits:num", "visits:den", "director:num", "director:den", "carried_over")
MONTHS_SHOWN = 24


def month_counts(*, month: date) -> dict:
    """Offices expected, submitted, late (still nothing, or submitted after the due day): one query."""
    return ReportExpectation.objects.filter(month=month).aggregate(
        expected=Count("pk"), submitted=Count("pk", filter=Q(status=m.SUBMITTED)),
        late=Count("pk", filter=Q(status=m.LATE)), waiting=Count("pk", filter=Q(status=m.EXPECTED)),
        submitted_late=Count("pk", filter=Q(submitted_late=True)))


def month_offices(*, month: date, status: str = "", q: str = "") -> QuerySet[ReportExpectation]:
    """The offices expected for `month`, by name; `status` filters (late first is the page's choice)."""
    qs = ReportExpectation.objects.filter(month=month)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(office_name__icontains=q) | Q(office_slug__icontains=q))
    return qs.order_by("office_name", "office_id")


def months_known() -> list[date]:
    return list(ReportExpectation.objects.order_by("-month").values_list("month", flat=True)
                .distinct()[:MONTHS_SHOWN])


def submitted_get(*, pk: int) -> SubmittedReport:
    report = SubmittedReport.objects.filter(pk=pk).first()
    if report is None:
        raise NotFound("没有这份月报。")
    return report


def submitted_versions(*, report: SubmittedReport) -> list[dict]:
    """Every version of the same office and month, oldest first (one query)."""
    return list(SubmittedReport.objects.filter(office_id=report.office_id, month=report.month)
                .order_by("version").values("pk", "version", "submitted_at", "submitted_by", "late"))


def _ratio(num: Decimal, den: Decimal) -> Decimal | None:
    return (num / den).quantize(Decimal("0.0001")) if den else None


def _labels() -> dict[str, dict[str, str]]:
    from modules.catalog.selectors import setting_value
    from modules.complaints.models import CHANNELS, CLASSIFICATIONS

    with translation.override("zh-hans"):
        return {"class": {**{k: str(v) for k, v in CLASSIFICATIONS}, "-": "未分类"},
                "channel": {k: str(v) for k, v in CHANNELS},
                "category": {code: name for code, name in setting_value("complaint.categories")}}


def consolidated(*, month: date) -> dict:
    """The group's month from the offices' current versions: totals, the breakdowns by class, category and
    channel, and the three rates as Σ numerators ÷ Σ denominators. Two queries: the counts and the month's
    running totals (MonthTotal, kept by each submission), whatever the number of offices."""
    counts = month_counts(month=month)
    totals = dict(MonthTotal.objects.filter(month=month).values_list("key", "total"))
    labels = _labels()
    breakdowns = {}
    for prefix in ("class", "category", "channel"):
        rows = [{"key": key[len(prefix) + 1:], "label": labels[prefix].get(key[len(prefix) + 1:], key[len(prefix) + 1:]),
                 "count": int(value)} for key, value in totals.items() if key.startswith(prefix + ":") and value]
        breakdowns[prefix] = sorted(rows, key=lambda r: (-r["count"], r["label"]))
    rates = {name: {"num": int(totals.get(f"{name}:num", 0)), "den": int(totals.get(f"{name}:den", 0)),
                    "rate": _ratio(totals.get(f"{name}:num", Decimal(0)), totals.get(f"{name}:den", Decimal(0)))}
             for name in RATES}
    return {"month": month, "counts": counts, "received": int(totals.get("received", 0)),
            "collective": int(totals.get("collective", 0)), "carried_over": int(totals.get("carried_over", 0)),
            "by_class": breakdowns["class"], "by_category": breakdowns["category"],
            "by_channel": breakdowns["channel"], "rates": rates}


def office_rows(*, expectations: list[ReportExpectation]) -> list[dict]:
    """The consolidated report's row of each office in `expectations` (a page of them, or all for the
    export): its current version's figures, one query for them all."""
    ids = [e.current_id for e in expectations if e.current_id]
    values: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for report_id, key, value in (SubmittedFigure.objects.filter(report_id__in=ids, key__in=OFFICE_KEYS)
                                  .values_list("report_id", "key", "value")):
        values[report_id][key] = value
    rows = []
    for e in expectations:
        v = values.get(e.current_id, {})
        row = {"expectation": e, "submitted": e.current_id is not None,
               **{key.replace(":", "_"): int(v[key]) if key in v else None for key in OFFICE_KEYS}}
        for name in RATES:
            row[f"{name}_rate"] = _ratio(v.get(f"{name}:num", Decimal(0)), v.get(f"{name}:den", Decimal(0)))
        rows.append(row)
    return rows
