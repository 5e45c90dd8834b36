"""The visit figures offices push to head office (core/figures; V-04)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.figures.registry import COUNT, RATE, figure_register, rate_rows

SATISFACTION = "visits.satisfaction_rate"
DUE_NOW = "visits.due_now"


def satisfaction(start: date, end: date):
    """V-04: the one satisfaction rate (selectors.satisfaction_rate) of the month's return visits, with its
    counts and the answers one by one."""
    from modules.visits.selectors import satisfaction_rate

    figures = satisfaction_rate(start=start, end=end)
    rows = rate_rows(numerator=figures["satisfied"], denominator=figures["answers"])
    return rows + [(f"answer:{a}", n) for a, n in figures["by_answer"].items()]


def due_now(start: date, end: date):
    """V-05: the return visits due now (not yet made), of them overdue and due today (selectors.visit_counts,
    one query); measured only for the month holding today (a present state)."""
    from core.calendar import local
    from modules.visits.selectors import visit_counts

    now = timezone.now()
    if not start <= local(now).date() <= end:
        return None
    counts = visit_counts(now=now)
    return [("", counts["due"]), ("overdue", counts["overdue"]), ("due_today", counts["due_today"])]


def register() -> None:
    figure_register(name=SATISFACTION, label=_("回访满意率"), kind=RATE, compute=satisfaction)
    figure_register(name=DUE_NOW, label=_("待回访数"), kind=COUNT, compute=due_now)
