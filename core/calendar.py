"""The working-day calendar (DESIGN.md convention 5), in Asia/Shanghai.

Official holidays and make-up working days (调休) come from chinesecalendar; group administrators
override single dates on top (modules.catalog.CalendarOverride). Pure functions over that data: the
overrides are read once and cached in memory until a CalendarOverride changes."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
_cache_lock = threading.Lock()
_overrides: dict[date, bool] | None = None


def _load_overrides() -> dict[date, bool]:
    global _overrides
    if _overrides is None:
        from modules.catalog.models import CalendarOverride

        with _cache_lock:
            _overrides = dict(CalendarOverride.objects.values_list("date", "is_working_day"))
    return _overrides


def invalidate_overrides() -> None:
    global _overrides
    with _cache_lock:
        _overrides = None


def official_is_working_day(day: date) -> bool:
    """The State Council's schedule; outside the years it covers, Monday–Friday."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def is_working_day(day: date, *, overrides: dict[date, bool] | None = None) -> bool:
    table = _load_overrides() if overrides is None else overrides
    if day in table:
        return table[day]
    return official_is_working_day(day)


def next_working_day(day: date, *, overrides: dict[date, bool] | None = None) -> date:
    day += timedelta(days=1)
    while not is_working_day(day, overrides=overrides):
        day += timedelta(days=1)
    return day


def local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("aware datetime required")
    return moment.astimezone(SHANGHAI)


def add_working_days(moment: datetime, n: int, *, overrides: dict[date, bool] | None = None) -> datetime:
    """The moment `n` working days after `moment`, in Asia/Shanghai.

    From a working day the clock time is kept (Friday 15:00 + 2 → Tuesday 15:00 over a normal
    weekend). From a rest day the count starts with the next working day and ends at the end of the
    n-th one (Saturday 10:00 + 2 → the midnight that ends Tuesday)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    start = local(moment)
    day = start.date()
    if is_working_day(day, overrides=overrides):
        for _ in range(n):
            day = next_working_day(day, overrides=overrides)
        return datetime.combine(day, start.time(), tzinfo=SHANGHAI)
    if n == 0:
        return start
    day = next_working_day(day, overrides=overrides)
    for _ in range(n - 1):
        day = next_working_day(day, overrides=overrides)
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=SHANGHAI)


def add_hours(moment: datetime, hours: float) -> datetime:
    """Clock hours (C-03, C-06, C-09, C-10, C-16 count in hours, day or night)."""
    return local(moment) + timedelta(hours=hours)


def working_days_between(start: date, end: date, *, overrides: dict[date, bool] | None = None) -> int:
    """Working days in the half-open range (start, end]."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, overrides=overrides):
            count += 1
    return count
