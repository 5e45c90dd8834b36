"""Reads of the figures offices pushed (DESIGN.md "Figures head office sees"). Every function here is a
fixed number of queries on modules.hq.models.OfficeFigure, whatever the number of offices; none reads an
office schema."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from core.figures.registry import DEN, NUM, RATE, figure_get
from modules.hq.models import OfficeFigure

_RATE_PLACES = Decimal("0.0001")


def figure_rows(*, names: list[str], start: date, end: date, dimensions: list[str] | None = None,
                office_ids: list[int] | None = None) -> list[dict]:
    """The pushed rows of the figures `names` for the months from `start` to `end` (one query)."""
    qs = OfficeFigure.objects.filter(figure__in=names, period__gte=start.replace(day=1), period__lte=end)
    if dimensions is not None:
        qs = qs.filter(dimension__in=dimensions)
    if office_ids is not None:
        qs = qs.filter(office_id__in=office_ids)
    return list(qs.order_by("period", "office_id", "figure", "dimension")
                .values("office_id", "figure", "period", "dimension", "value", "computed_at"))


def _ratio(num, den) -> Decimal | None:
    return (Decimal(num) / Decimal(den)).quantize(_RATE_PLACES) if den else None


def figure_table(*, name: str, start: date, end: date, dimension: str = "") -> dict:
    """One figure per office and month, and the group's total per month: a rate is Σ numerators ÷ Σ
    denominators (never an average of rates), any other figure the sum. Returns
    {"offices": {office_id: {period: value}}, "group": {period: value}, "periods": [period, …]}."""
    figure = figure_get(name)
    is_rate = figure is not None and figure.kind == RATE and dimension == ""
    dims = [dimension, NUM, DEN] if is_rate else [dimension]
    offices: dict[int, dict] = defaultdict(dict)
    sums: dict[date, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in figure_rows(names=[name], start=start, end=end, dimensions=dims):
        if row["dimension"] == dimension:
            offices[row["office_id"]][row["period"]] = row["value"]
        if row["value"] is not None:
            sums[row["period"]][row["dimension"]] += row["value"]
    periods = sorted({p for values in offices.values() for p in values})
    if is_rate:
        group = {p: _ratio(sums[p][NUM], sums[p][DEN]) for p in periods}
    else:
        group = {p: sums[p][dimension] for p in periods}
    return {"offices": dict(offices), "group": group, "periods": periods}


def figure_breakdown(*, name: str, period: date, prefix: str) -> dict:
    """The dimensions of one figure starting with `prefix` (e.g. "category:") for one month: per office and
    for the group. Returns {"offices": {office_id: {key: value}}, "group": {key: value}}."""
    offices: dict[int, dict] = defaultdict(dict)
    group: dict[str, Decimal] = defaultdict(Decimal)
    qs = (OfficeFigure.objects.filter(figure=name, period=period.replace(day=1), dimension__startswith=prefix)
          .values_list("office_id", "dimension", "value"))
    for office_id, dim, value in qs:
        key = dim[len(prefix):]
        offices[office_id][key] = value
        if value is not None:
            group[key] += value
    return {"offices": dict(offices), "group": dict(group)}
