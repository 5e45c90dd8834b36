"""Shift-time arithmetic (D-01, D-04): pure functions over Asia/Shanghai wall-clock times."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def local_dt(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at), timezone.get_default_timezone())


def local_date(at: datetime) -> date:
    return timezone.localtime(at).date()


def window(*, day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Start and end of a shift on `day`; a shift with end <= start ends the next day (D-01 night)."""
    end_day = day + timedelta(days=1) if end <= start else day
    return local_dt(day, start), local_dt(end_day, end)


def covering_days(at: datetime) -> tuple[date, date]:
    """The dates whose shifts may cover `at`: today's, and yesterday's if it crosses midnight."""
    today = local_date(at)
    return today, today - timedelta(days=1)


def is_late(*, arrived_at: datetime, starts_at: datetime, early_minutes: int) -> bool:
    """D-04: incoming staff arrive `early_minutes` before the start; after that is late."""
    return arrived_at > starts_at - timedelta(minutes=early_minutes)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    first = day.replace(day=1)
    return (first + timedelta(days=32)).replace(day=1)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())
