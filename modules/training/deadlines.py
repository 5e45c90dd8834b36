"""Pure date arithmetic of training (A-05): when plans are due and approved, when the induction's hours and
theory exam fall, when a monthly or a fire-safety exam must be held. Every number comes in as an argument
(catalog settings read by the caller); Chinese working days from core/calendar.py."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from core.calendar import SHANGHAI, is_working_day, next_working_day
from modules.training.models import ANNUAL


def end_of(day: date) -> datetime:
    """The end of `day` in Asia/Shanghai (the midnight that ends it): "by the 10th" is due then."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=SHANGHAI)


def day_in_month(year: int, month: int, day: int) -> date:
    """`day` of the month, or its last day when the month is shorter (the 30th of February is the 28th/29th)."""
    return date(year, month, min(max(int(day), 1), calendar.monthrange(year, month)[1]))


def previous_month(period: date) -> date:
    return (period.replace(day=1) - timedelta(days=1)).replace(day=1)


def next_month(period: date) -> date:
    return (period.replace(day=28) + timedelta(days=4)).replace(day=1)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def plan_due(*, kind: str, period: date, values: dict) -> tuple[datetime, datetime]:
    """A-05: (submit by, approve by). The annual plan of year Y is due in month `annual_plan_month` of Y−1 (by
    the 10th, approved by the 20th); the monthly plan of month M by the 25th of M−1, approved by the 30th."""
    if kind == ANNUAL:
        year, month = period.year - 1, int(values["training.annual_plan_month"])
        submit, approve = values["training.annual_plan_submit_day"], values["training.annual_plan_approve_day"]
    else:
        before = previous_month(period)
        year, month = before.year, before.month
        submit, approve = values["training.monthly_plan_submit_day"], values["training.monthly_plan_approve_day"]
    return end_of(day_in_month(year, month, submit)), end_of(day_in_month(year, month, approve))


def nth_working_day(start: date, n: int) -> date:
    """The n-th working day counting `start` itself as the first when it is one (到岗后第10个工作日)."""
    day = start if is_working_day(start) else next_working_day(start)
    for _ in range(max(n, 1) - 1):
        day = next_working_day(day)
    return day


def monthly_exam_due(*, period: date, working_days: int) -> datetime:
    """A-05: the monthly exam of `period`'s training within the first N working days of the next month."""
    return end_of(nth_working_day(next_month(period), working_days))


def fire_exam_due(*, period: date) -> datetime:
    """A-05: the fire-safety exam once a quarter: by the quarter's last day."""
    start = quarter_start(period)
    return end_of(day_in_month(start.year, start.month + 2, 31))
