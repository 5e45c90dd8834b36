"""The visit figures offices push to head office (core/figures; V-04)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from core.figures.registry import RATE, figure_register, rate_rows

SATISFACTION = "visits.satisfaction_rate"


def satisfaction(start: date, end: date):
    """V-04: the one satisfaction rate (selectors.satisfaction_rate) of the month's return visits, with its
    counts and the answers one by one."""
    from modules.visits.selectors import satisfaction_rate

    figures = satisfaction_rate(start=start, end=end)
    rows = rate_rows(numerator=figures["satisfied"], denominator=figures["answers"])
    return rows + [(f"answer:{a}", n) for a, n in figures["by_answer"].items()]


def register() -> None:
    figure_register(name=SATISFACTION, label=_("回访满意率"), kind=RATE, compute=satisfaction)
