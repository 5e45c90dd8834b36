"""Reads of the figures offices pushed (DESIGN.md "Figures head office sees"). Every function here is a
fixed number of queries on modules.hq.models.OfficeFigure, whatever the number of offices; none reads an
office schema."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from core.figures.registry import DEN, NUM, RATE, SCORE, figure_get
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


# --- the head-office dashboard (modules/dashboards/hq.py): each a fixed number of queries ----------------

def _is_ratio(name: str, dimension: str) -> bool:
    """A rate (C-17, V-04) and a score that is an average per person (A-02) push NUM and DEN beside their
    value: the group's figure is Σ num ÷ Σ den, never an average of the offices' figures."""
    figure = figure_get(name)
    return figure is not None and figure.kind in (RATE, SCORE) and dimension == ""


def figure_values(*, pairs: list[tuple[str, str]], period: date, office_ids: list[int]) -> dict[int, dict]:
    """The values of the (figure, dimension) `pairs` for one month and the offices `office_ids` (a page of
    them): {office_id: {(figure, dimension): value}} — one query, whatever the number of offices."""
    if not office_ids or not pairs:
        return {}
    wanted = set(pairs)
    out: dict[int, dict] = defaultdict(dict)
    qs = (OfficeFigure.objects.filter(period=period.replace(day=1), office_id__in=office_ids,
                                      figure__in={f for f, _ in pairs}, dimension__in={d for _, d in pairs})
          .values_list("office_id", "figure", "dimension", "value"))
    for office_id, name, dim, value in qs:
        if (name, dim) in wanted:
            out[office_id][(name, dim)] = value
    return dict(out)


def figure_ranking(*, name: str, period: date, dimension: str = "", limit: int = 10) -> dict:
    """The offices with the highest and the lowest value of one figure in one month (offices that measured
    nothing are left out): {"top": [(office_id, value)…], "bottom": […], "measured": n} — three queries."""
    limit = max(1, min(int(limit), 50))
    qs = OfficeFigure.objects.filter(figure=name, period=period.replace(day=1), dimension=dimension,
                                     value__isnull=False)
    top = list(qs.order_by("-value", "office_id").values_list("office_id", "value")[:limit])
    bottom = list(qs.order_by("value", "office_id").values_list("office_id", "value")[:limit])
    return {"top": top, "bottom": bottom, "measured": qs.count()}


def figure_group_series(*, pairs: list[tuple[str, str]], start: date, end: date) -> dict:
    """The group's value of each (figure, dimension) in `pairs` per month from `start` to `end`: a rate or an
    average score is Σ num ÷ Σ den, a count or an amount the sum. One query on the totals the pushes keep
    (OfficeFigureTotal: a row per figure, month and dimension, never a row per office), so its cost does not
    grow with the offices. Returns {(figure, dimension): {period: value}} and, under the key "offices",
    {period: offices that pushed any of them}."""
    from modules.hq.models import OfficeFigureTotal

    wanted = set(pairs)
    for name, dim in pairs:
        if _is_ratio(name, dim):
            wanted |= {(name, NUM), (name, DEN)}
    sums: dict[tuple[str, str], dict[date, Decimal | None]] = defaultdict(dict)
    offices: dict[date, int] = {}
    qs = (OfficeFigureTotal.objects.filter(period__gte=start.replace(day=1), period__lte=end,
                                           figure__in={f for f, _ in wanted}, dimension__in={d for _, d in wanted})
          .values_list("figure", "dimension", "period", "total", "rows"))
    for name, dim, period, total, n in qs:
        if (name, dim) in wanted and n > 0:
            sums[(name, dim)][period] = total
            offices[period] = max(offices.get(period, 0), n)
    out: dict = {}
    for name, dim in pairs:
        if _is_ratio(name, dim):
            nums, dens = sums.get((name, NUM), {}), sums.get((name, DEN), {})
            out[(name, dim)] = {p: _ratio(nums.get(p) or 0, den) for p, den in dens.items()}
        else:
            out[(name, dim)] = dict(sums.get((name, dim), {}))
    out["offices"] = offices
    return out
