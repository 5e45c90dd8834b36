"""Reads of the monthly complaint report (C-18), office schema.

`report_figures(month)` is what a report counts, from the office's own data and through the one
definition of each rate: the on-time reply rate (C-17, complaints.selectors.complaint_on_time_rate), the
satisfaction rate of complaint return visits (V-04, visits.selectors.satisfaction_rate) and of the
director's visits to complainants (C-19, complaints.selectors.complaint_director_visit_rate)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import translation

from core.calendar import SHANGHAI
from core.errors import NotFound
from modules.reports.deadlines import month_first, month_last
from modules.reports.models import NARRATIVE, MonthlyReport

CARRIED_ROWS_MAX = 50  # carried-over cases listed by number (all are counted)
NO_BUILDING = "未关联房号"


def _bounds(month: date) -> tuple[datetime, datetime]:
    start = month_first(month)
    end = month_last(start) + timedelta(days=1)
    return (datetime(start.year, start.month, start.day, tzinfo=SHANGHAI),
            datetime(end.year, end.month, end.day, tzinfo=SHANGHAI))


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _labelled(rows, labels: dict) -> list[dict]:
    out = [{"key": key or "", "label": str(labels.get(key, key or "未分类")), "count": n} for key, n in rows]
    return sorted(out, key=lambda r: (-r["count"], r["label"]))


def report_figures(*, month: date) -> dict:
    """Every figure of the month's report (JSON-ready, labels in Chinese as filed): complaints received by
    class, category, channel and building; the collective incidents; the on-time reply rate; the two
    satisfaction rates; the cases carried over (open at the month's end)."""
    from modules.catalog.selectors import setting_value
    from modules.complaints import models as cm
    from modules.complaints.selectors import complaint_director_visit_rate, complaint_on_time_rate
    from modules.visits.selectors import satisfaction_rate

    start, end = _bounds(month)
    first, last = start.date(), (end - timedelta(days=1)).date()
    received = cm.Complaint.objects.filter(received_at__gte=start, received_at__lt=end).order_by()
    with translation.override("zh-hans"):
        categories = {code: name for code, name in setting_value("complaint.categories", at=end)}
        by_class = _labelled(received.values_list("classification").annotate(n=Count("id")),
                             {**dict(cm.CLASSIFICATIONS), "": "未分类"})
        by_category = _labelled(received.values_list("category").annotate(n=Count("id")), categories)
        by_channel = _labelled(received.values_list("channel").annotate(n=Count("id")), dict(cm.CHANNELS))
        statuses, steps = dict(cm.STATUSES), dict(cm.STEPS)
        buildings = [{"key": name or "", "label": name or NO_BUILDING, "count": n} for name, _key, n in
                     received.values_list("household__unit__building__name", "household__unit__building__sort_key")
                     .annotate(n=Count("id")).order_by("household__unit__building__sort_key")]
        incidents = (cm.Incident.objects.filter(collective=True, collective_at__gte=start, collective_at__lt=end)
                     .annotate(households=Count("complaints__household", distinct=True),
                               complaint_count=Count("complaints", distinct=True)).order_by("collective_at", "id"))
        carried = (cm.Complaint.objects.filter(received_at__lt=end)
                   .filter(Q(status__in=cm.OPEN_STATUSES) | Q(status=cm.CLOSED, closed_at__gte=end))
                   .order_by("received_at", "id"))
        carried_rows = [{"id": c.pk, "number": c.number, "received_at": c.received_at.isoformat(),
                         "category": categories.get(c.category, c.category),
                         "status": str(statuses.get(c.status, c.status)),
                         "next_step": str(steps.get(c.next_step, "")) if c.status in cm.OPEN_STATUSES else ""}
                        for c in carried.only("id", "number", "received_at", "category", "status",
                                              "next_step")[:CARRIED_ROWS_MAX]]
    on_time = complaint_on_time_rate(first, last)
    visits = satisfaction_rate(start=first, end=last, source_kind="complaint")
    director = complaint_director_visit_rate(first, last)
    return {
        "period": {"start": first.isoformat(), "end": last.isoformat()},
        "received": sum(r["count"] for r in by_class),
        "by_class": by_class, "by_category": by_category, "by_channel": by_channel, "by_building": buildings,
        "collective": {"count": len(incidents), "incidents": [
            {"title": i.title, "households": i.households, "complaints": i.complaint_count,
             "at": i.collective_at.isoformat()} for i in incidents]},
        "on_time": {"total": on_time["total"], "on_time": on_time["on_time"], "late": on_time["late"],
                    "rate": on_time["rate"]},
        "visit_satisfaction": {"answers": visits["answers"], "satisfied": visits["satisfied"],
                               "rate": None if visits["rate"] is None else round(visits["rate"], 4)},
        "director_visits": {"visits": director["visits"], "satisfied": director["satisfied"],
                            "rate": director["rate"]},
        "carried_over": {"count": carried.count(), "rows": carried_rows},
    }


def report_list() -> QuerySet[MonthlyReport]:
    return MonthlyReport.objects.order_by("-month")


def report_get(*, pk: int) -> MonthlyReport:
    report = MonthlyReport.objects.filter(pk=pk).first()
    if report is None:
        raise NotFound("没有这份月报。")
    return report


def report_get_for_month(*, month: date) -> MonthlyReport | None:
    return MonthlyReport.objects.filter(month=month_first(month)).first()


def report_events(*, report: MonthlyReport) -> list:
    return list(report.events.order_by("at", "id"))


def notable_rows(*, ids: list[int]) -> list[dict]:
    """The picked cases as the report names them (one query), in the director's order."""
    from modules.catalog.selectors import setting_value
    from modules.complaints import models as cm
    from modules.complaints.selectors import complaint_unit

    categories = {code: name for code, name in setting_value("complaint.categories")}
    found = {c.pk: c for c in cm.Complaint.objects.filter(pk__in=ids).select_related("household__unit__building")}
    statuses, classes = dict(cm.STATUSES), dict(cm.CLASSIFICATIONS)
    with translation.override("zh-hans"):
        return [{"id": c.pk, "number": c.number, "received_at": c.received_at.isoformat(),
                 "unit": complaint_unit(c), "category": categories.get(c.category, c.category), "content": c.content[:300],
                 "classification": str(classes.get(c.classification, "未分类")),
                 "status": str(statuses.get(c.status, c.status))}
                for c in (found.get(i) for i in ids) if c is not None]


def notable_candidates(*, report: MonthlyReport, limit: int = 100) -> list:
    """Complaints the director may pick: received in the month or carried over into it, newest first."""
    from modules.complaints.models import Complaint

    start, end = _bounds(report.month)
    return list(Complaint.objects.filter(received_at__lt=end)
                .filter(Q(received_at__gte=start) | Q(pk__in=[r["id"] for r in report.figures.get("carried_over", {}).get("rows", [])]))
                .only("id", "number", "received_at", "category", "content", "status", "collective")
                .order_by("-collective", "-received_at", "-id")[:limit])


def report_snapshot(*, report: MonthlyReport, office) -> dict:
    """What the report says, as submitted to head office (frozen there) and as the printable page shows
    it: every figure, the narrative, the notable cases."""
    return {
        "office": {"id": office.pk, "slug": office.slug, "name": office.name},
        "month": report.month.strftime("%Y-%m"),
        "due_on": report.due_on.isoformat(),
        "figures": report.figures,
        "figures_at": report.figures_at.isoformat(),
        "narrative": {field: getattr(report, field) for field, _label in NARRATIVE},
        "notable": notable_rows(ids=list(report.notable_ids)),
    }
