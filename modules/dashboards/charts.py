"""The chart specifications both dashboards hand to the browser (core/static/core/charts.js draws them with
Apache ECharts): a plain shape, independent of the library —
{"type": "line"|"bar", "percent": bool, "categories": [label…], "series": [{"name", "data": [number|null…]}]}.
Rates go as fractions (0.95) and charts.js shows them as percentages; money and scores as numbers."""

from __future__ import annotations

from decimal import Decimal


def number(value) -> float | int | None:
    """A JSON number for a chart (charts draw floats; the tables under them keep the exact Decimal)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def chart(*, kind: str, categories: list[str], series: list[tuple[str, list]], percent: bool = False,
          horizontal: bool = False) -> dict:
    return {"type": kind, "percent": percent, "horizontal": horizontal, "categories": [str(c) for c in categories],
            "series": [{"name": str(name), "data": [number(v) for v in values]} for name, values in series]}


def percent_text(rate) -> str:
    """0.9512 → "95.1%"; None → "—" (nothing to measure)."""
    return "—" if rate is None else f"{Decimal(rate) * 100:.1f}%"
