"""A report's figures as (key, value) pairs (C-18), stored at head office beside each submitted version
(modules.reports.hq SubmittedFigure) so the consolidated report sums them in SQL. A rate is its numerator
and denominator ("on_time:num", "on_time:den"): the group's rate is Σ num ÷ Σ den, never a mean of rates."""

from __future__ import annotations

from decimal import Decimal

RATES = {  # key → (figures section, numerator, denominator)
    "on_time": ("on_time", "on_time", "total"),  # C-17
    "visits": ("visit_satisfaction", "satisfied", "answers"),  # V-04
    "director": ("director_visits", "satisfied", "visits"),  # C-19
}
BREAKDOWNS = {"class": "by_class", "category": "by_category", "channel": "by_channel"}


def _number(value) -> Decimal:
    try:
        return Decimal(str(int(value or 0)))
    except (TypeError, ValueError):
        return Decimal(0)


def flatten(figures: dict) -> dict[str, Decimal]:
    out = {"received": _number(figures.get("received")),
           "collective": _number((figures.get("collective") or {}).get("count")),
           "carried_over": _number((figures.get("carried_over") or {}).get("count"))}
    for key, (section, num, den) in RATES.items():
        part = figures.get(section) or {}
        out[f"{key}:num"], out[f"{key}:den"] = _number(part.get(num)), _number(part.get(den))
    for prefix, section in BREAKDOWNS.items():
        for row in (figures.get(section) or [])[:200]:
            key = f"{prefix}:{str(row.get('key') or '-')[:64]}"
            out[key] = out.get(key, Decimal(0)) + _number(row.get("count"))
    return out
