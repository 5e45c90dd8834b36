"""When a month's report is due (C-18: "by the 5th of the next month"; the day is the catalog setting
`reports.monthly_due_day`, in force at the end of the month reported on, S-08)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from core.calendar import SHANGHAI

DUE_DAY_MAX = 28  # every month has it


def month_first(day: date) -> date:
    return day.replace(day=1)


def month_last(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def next_month(month: date) -> date:
    return month_last(month) + timedelta(days=1)


def previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def due_on(month: date) -> date:
    """The last day a report of `month` is on time."""
    from modules.catalog.selectors import setting_value

    end = datetime.combine(month_last(month), datetime.max.time(), tzinfo=SHANGHAI)
    day = min(max(int(setting_value("reports.monthly_due_day", at=end)), 1), DUE_DAY_MAX)
    return next_month(month_first(month)).replace(day=day)


def due_at(month: date) -> datetime:
    """The moment a report of `month` becomes late: the start of the day after the due day."""
    day = due_on(month) + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)
