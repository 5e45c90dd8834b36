"""The office director's dashboard (issue 10 §5), read live from the office's own schema through each
module's selectors: open complaints by step and overdue now (C-17), the on-time reply rate (C-17,
complaints.selectors.complaint_on_time_rate) and the return-visit satisfaction rate (V-04,
visits.selectors.satisfaction_rate) per month for 12 months, work orders overdue (F-02), return visits due
(V-05) and the month's unsigned duty days (D-07).

Queries: a fixed number whatever the office's size — per month one for the on-time rate and two for the
satisfaction rate (its answers and the catalog setting in force at the month's end, S-08), so 36 for the 12
months, and five for the rest (tests/modules/dashboards pins it)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _

from core.figures.services import month_end
from modules.dashboards.charts import chart, percent_text
from modules.dashboards.params import months_ending

MONTHS = 12


def _trend(month: date, now: datetime) -> list[dict]:
    from modules.complaints.selectors import complaint_on_time_rate
    from modules.visits.selectors import satisfaction_rate

    rows = []
    for first in months_ending(month, MONTHS):
        last = month_end(first)
        on_time = complaint_on_time_rate(first, last, now=now)  # C-17, the one definition
        satisfied = satisfaction_rate(start=first, end=last)  # V-04, the one definition
        rows.append({"month": first, "on_time_rate": on_time["rate"], "on_time": on_time["on_time"],
                     "on_time_total": on_time["total"], "satisfaction_rate": satisfied["rate"],
                     "satisfied": satisfied["satisfied"], "answers": satisfied["answers"],
                     "on_time_text": percent_text(on_time["rate"]),
                     "satisfaction_text": percent_text(satisfied["rate"])})
    return rows


def office_dashboard(*, now: datetime, month: date) -> dict:
    """Everything the director's dashboard shows, for the 12 months ending with `month` (the present figures
    are of now)."""
    from core.calendar import local
    from modules.complaints.models import STEPS
    from modules.complaints.selectors import complaint_open_now_by_step
    from modules.duty.figures import unsigned_day_list
    from modules.frontdesk.selectors import workorder_workbench_counts
    from modules.visits.selectors import visit_counts

    steps = dict(STEPS)
    by_step = [{"step": r["next_step"] or "", "label": str(steps.get(r["next_step"], r["next_step"] or "—")),
                "count": r["count"], "overdue": r["overdue"]} for r in complaint_open_now_by_step(now=now)]
    today = local(now).date()
    duty_month = month if month < today.replace(day=1) else today.replace(day=1)
    unsigned, counted = unsigned_day_list(duty_month, month_end(duty_month))
    return {
        "month": month, "today": today,
        "open_by_step": by_step,
        "open_total": sum(r["count"] for r in by_step),
        "overdue_now": sum(r["overdue"] for r in by_step),
        "workorders": workorder_workbench_counts(role="", now=now),  # F-02: every department's open orders
        "visits": visit_counts(now=now),  # V-05
        "duty": {"month": duty_month, "days": counted, "unsigned": len(unsigned), "unsigned_days": unsigned},
        "trend": _trend(month, now),
    }


def office_charts(data: dict) -> dict:
    """The charts of the director's dashboard (charts.py's shape)."""
    trend = data["trend"]
    months = [f"{r['month']:%Y-%m}" for r in trend]
    return {
        "rates": chart(kind="line", percent=True, categories=months, series=[
            (_("投诉按时回复率"), [r["on_time_rate"] for r in trend]),
            (_("回访满意率"), [r["satisfaction_rate"] for r in trend])]),
        "open_by_step": chart(kind="bar", categories=[r["label"] for r in data["open_by_step"]], series=[
            (_("未结投诉"), [r["count"] for r in data["open_by_step"]]),
            (_("其中逾期"), [r["overdue"] for r in data["open_by_step"]])]),
    }
