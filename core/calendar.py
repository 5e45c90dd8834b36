"""The working-day calendar (DESIGN.md convention 5), in Asia/Shanghai.

Official holidays and make-up working days (调休) come from chinesecalendar; group administrators
override single dates on top (modules.catalog.CalendarOverride: a history of changes, the latest per
date in force). Pure functions over that data: the
overrides are read once and cached in memory. Saving a CalendarOverride clears this
process's copy and bumps a version in Redis; other processes (web workers, Celery) compare that
version at most every CALENDAR_RECHECK_SECONDS and reload when it moved."""

from __future__ import annotations

import threading
import time as _time
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

from core.outage import Backoff

SHANGHAI = ZoneInfo("Asia/Shanghai")
_VERSION_KEY = "calendar:overrides-version"
_cache_lock = threading.Lock()
_state: dict = {"table": None, "version": None, "checked_at": 0.0}
_redis_down = Backoff("cache (calendar version)")


def _redis(write: bool):
    """(client, key) for the version. The key is global, not per schema: django-tenants' key function
    would file a save on the apex and a read on an office host under different keys."""
    from django.conf import settings
    from django.core.cache import caches

    key = f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:{_VERSION_KEY}"
    return caches["default"]._cache.get_client(key, write=write), key


def _shared_version():
    """The cross-process version (when Redis is down: unchanged, only this process's saves count; a
    paused Redis is asked again only after the back-off of core.outage)."""
    if _redis_down.active():
        return _state["version"]
    try:
        client, key = _redis(write=False)
        return client.get(key)
    except Exception as exc:
        _redis_down.trip(exc)
        return _state["version"]


def _load_overrides() -> dict[date, bool]:
    from django.conf import settings

    now = _time.monotonic()
    if _state["table"] is not None and now - _state["checked_at"] < getattr(settings, "CALENDAR_RECHECK_SECONDS", 5):
        return _state["table"]
    version = _shared_version()
    if _state["table"] is None or version != _state["version"]:
        from modules.catalog.selectors import calendar_override_table

        table = calendar_override_table()  # the latest change per date; history rows stay behind
        with _cache_lock:
            _state.update(table=table, version=version)
    _state["checked_at"] = now
    return _state["table"]


def invalidate_overrides(*, broadcast: bool = False) -> None:
    """Forget this process's copy; with `broadcast`, make every other process reload too."""
    with _cache_lock:
        _state.update(table=None, checked_at=0.0)
    if broadcast:
        try:
            client, key = _redis(write=True)
            client.incr(key)
        except Exception:  # Redis down: other processes pick the change up when it is back
            pass


def _table(overrides: dict[date, bool] | None) -> dict[date, bool]:
    return _load_overrides() if overrides is None else overrides


def official_is_working_day(day: date) -> bool:
    """The State Council's schedule; outside the years it covers, Monday–Friday."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def is_working_day(day: date, *, overrides: dict[date, bool] | None = None) -> bool:
    table = _table(overrides)
    if day in table:
        return table[day]
    return official_is_working_day(day)


def next_working_day(day: date, *, overrides: dict[date, bool] | None = None) -> date:
    overrides = _table(overrides)
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
    overrides = _table(overrides)
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
    overrides = _table(overrides)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, overrides=overrides):
            count += 1
    return count
