"""The duty figures offices push to head office (core/figures; D-07)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.figures.registry import COUNT, figure_register

UNSIGNED_DAYS = "duty.unsigned_days"


def unsigned_day_list(start: date, end: date) -> tuple[list[date], int]:
    """D-07: the days from `start` to `end` already begun (up to today) that the supervisor has not signed
    (no DaySign: the weekly check's `unsigned_days` reading), and how many days were counted (one query)."""
    from modules.duty import shifts
    from modules.duty.selectors import month_day_signs

    last = min(end, shifts.local_date(timezone.now()))
    if last < start:
        return [], 0
    signed = set(month_day_signs(month=start).values_list("day", flat=True))
    days = [start + timedelta(days=n) for n in range((last - start).days + 1)]
    return [d for d in days if d not in signed], len(days)


def unsigned_days(start: date, end: date):
    """D-07: the month's unsigned days (`unsigned_day_list`), and the days counted."""
    unsigned, counted = unsigned_day_list(start, end)
    return [("", len(unsigned)), ("days", counted)]


def register() -> None:
    figure_register(name=UNSIGNED_DAYS, label=_("未签字值班日数"), kind=COUNT, compute=unsigned_days)
