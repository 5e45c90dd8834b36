"""Head office's dashboard (issue 10 §5): the offices' figures side by side for a chosen month (a page of
offices, searchable by name — never a page that grows with the number of offices), the offices at the top
and the bottom of one figure, and the group's trends over 12 months (a rate is Σ num ÷ Σ den).

It reads only what the offices pushed (modules.hq.models.OfficeFigure through modules.hq.figure_selectors)
and the office names of the public catalogue; it never reads an office schema. Queries: a fixed number
whatever the number of offices (tests/modules/dashboards pins it, tests/bench/test_bench_dashboards.py
measures 5 against 300 offices)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy

from modules.dashboards.charts import chart, number, percent_text
from modules.dashboards.params import months_ending

PAGE_SIZE = 20
RANKED = 10
MONTHS = 12


@dataclass(frozen=True)
class Column:
    key: str
    figure: str
    dimension: str
    label: object
    kind: str  # "rate" (a fraction shown as %), "count", "score", "money"


COLUMNS = (
    Column("on_time_rate", "complaints.on_time_rate", "", gettext_lazy("投诉按时回复率"), "rate"),  # C-17
    Column("satisfaction_rate", "visits.satisfaction_rate", "", gettext_lazy("回访满意率"), "rate"),  # V-04
    Column("received", "complaints.received", "", gettext_lazy("受理投诉"), "count"),
    Column("open", "complaints.open_now", "", gettext_lazy("未结投诉"), "count"),
    Column("overdue", "complaints.open_now", "overdue", gettext_lazy("逾期投诉"), "count"),
    Column("workorders_overdue", "frontdesk.workorders_overdue", "", gettext_lazy("逾期工单"), "count"),
    Column("visits_due", "visits.due_now", "", gettext_lazy("待回访"), "count"),
    Column("unsigned_days", "duty.unsigned_days", "", gettext_lazy("未签字值班日"), "count"),
    Column("score", "assessment.score", "", gettext_lazy("考核平均分"), "score"),
    Column("pass_rate", "training.pass_rate", "", gettext_lazy("培训考核合格率"), "rate"),  # A-06, first sitting
    Column("margin", "services.margin", "", gettext_lazy("特约服务毛利（元）"), "money"),  # S-06
)
BY_KEY = {c.key: c for c in COLUMNS}
RATE_KEYS = ("on_time_rate", "satisfaction_rate", "pass_rate")
COUNT_KEYS = ("received", "open", "overdue", "workorders_overdue", "visits_due", "unsigned_days")


def text(column: Column, value) -> str:
    """A value as the tables show it: a rate as a percentage, money with 2 places, "—" when not measured."""
    if value is None:
        return "—"
    if column.kind == "rate":
        return percent_text(value)
    if column.kind in ("money", "score"):
        return f"{value:.2f}"
    return str(number(value))


def _pairs() -> list[tuple[str, str]]:
    return [(c.figure, c.dimension) for c in COLUMNS]


def office_page(*, month: date, q: str, page: int) -> dict:
    """One page of offices (by name, those whose name or slug holds `q`) with every column's value of the
    month: three queries (count, the page, its figures)."""
    from modules.hq.figure_selectors import figure_values
    from tenants.selectors import office_search

    paginator = Paginator(office_search(q=q).prefetch_related(None).only("pk", "slug", "name"), PAGE_SIZE)
    current = paginator.get_page(page)
    offices = list(current.object_list)
    values = figure_values(pairs=_pairs(), period=month, office_ids=[o.pk for o in offices])
    rows = []
    for office in offices:
        mine = values.get(office.pk, {})
        cells = [(c, mine.get((c.figure, c.dimension))) for c in COLUMNS]
        rows.append({"office": office, "values": {c.key: v for c, v in cells},
                     "cells": [{"key": c.key, "value": v, "text": text(c, v)} for c, v in cells]})
    return {"rows": rows, "page": current, "count": paginator.count, "pages": paginator.num_pages}


def ranking(*, month: date, key: str) -> dict:
    """The offices at the top and the bottom of the column `key` in the month: four queries."""
    from modules.hq.figure_selectors import figure_ranking
    from tenants.models import Tenant

    column = BY_KEY[key]
    ranked = figure_ranking(name=column.figure, period=month, dimension=column.dimension, limit=RANKED)
    ids = {office_id for office_id, _v in ranked["top"] + ranked["bottom"]}
    names = dict(Tenant.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}

    def rows(pairs):
        return [{"office_id": oid, "name": names.get(oid, str(oid)), "value": v, "text": text(column, v)}
                for oid, v in pairs]

    return {"column": column, "top": rows(ranked["top"]), "bottom": rows(ranked["bottom"]),
            "measured": ranked["measured"]}


def trends(*, month: date) -> list[dict]:
    """The group's value of every column per month, the 12 months ending with `month`: one query."""
    from modules.hq.figure_selectors import figure_group_series

    months = months_ending(month, MONTHS)
    series = figure_group_series(pairs=_pairs(), start=months[0], end=month)
    out = []
    for first in months:
        values = {c.key: series.get((c.figure, c.dimension), {}).get(first) for c in COLUMNS}
        out.append({"month": first, "offices": series["offices"].get(first, 0), "values": values,
                    "cells": [{"key": c.key, "value": values[c.key], "text": text(c, values[c.key])}
                              for c in COLUMNS]})
    return out


def hq_dashboard(*, month: date, q: str, page: int, figure: str) -> dict:
    return {"month": month, "columns": COLUMNS, "offices": office_page(month=month, q=q, page=page),
            "ranking": ranking(month=month, key=figure), "trend": trends(month=month)}


def hq_charts(data: dict) -> dict:
    """The charts of head office's dashboard (charts.py's shape)."""
    rank = data["ranking"]
    column = rank["column"]
    percent = column.kind == "rate"
    months = [f"{r['month']:%Y-%m}" for r in data["trend"]]
    return {
        "top": chart(kind="bar", horizontal=True, percent=percent, categories=[r["name"] for r in rank["top"]],
                     series=[(column.label, [r["value"] for r in rank["top"]])]),
        "bottom": chart(kind="bar", horizontal=True, percent=percent,
                        categories=[r["name"] for r in rank["bottom"]],
                        series=[(column.label, [r["value"] for r in rank["bottom"]])]),
        "trend_rates": chart(kind="line", percent=True, categories=months, series=[
            (BY_KEY[k].label, [r["values"][k] for r in data["trend"]]) for k in RATE_KEYS]),
        "trend_counts": chart(kind="line", categories=months, series=[
            (BY_KEY[k].label, [r["values"][k] for r in data["trend"]]) for k in COUNT_KEYS]),
    }


RANKABLE = tuple(c.key for c in COLUMNS)
