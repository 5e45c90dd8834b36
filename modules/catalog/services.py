"""Writes of the group catalog (R-03): versioned settings (S-08) and calendar overrides."""

from __future__ import annotations

import math
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from core.errors import ValidationFailed
from modules.catalog.defaults import DEFAULTS
from modules.catalog.models import CalendarOverride, Setting
from modules.catalog.selectors import calendar_override_current


def _check_value(key: str, value):
    """The value in the default's type. Numbers of the rule book are positive and finite; a count of
    days, hours or households is a whole number (a deadline of 2.5 working days does not exist)."""
    default = DEFAULTS[key]["value"]
    if isinstance(default, bool) or not isinstance(default, int | float):
        if type(value) is not type(default):
            raise ValidationFailed("值的类型不正确。", fields={"value": [f"须为 {type(default).__name__}"]})
        return value
    try:
        if isinstance(value, bool):
            raise TypeError
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationFailed("须为数字。", fields={"value": ["须为数字"]}) from None
    if not math.isfinite(number) or number <= 0:
        raise ValidationFailed("须为大于 0 的有限数字。", fields={"value": ["须大于 0"]})
    if isinstance(default, int):
        if not number.is_integer():
            raise ValidationFailed("须为整数。", fields={"value": ["须为整数"]})
        return int(number)
    return number


def setting_set(*, key: str, value, effective_from: datetime | None = None, note: str = "",
                user=None) -> Setting:
    """A new version of `key` from `effective_from` (now by default). Past versions stay (S-08)."""
    if key not in DEFAULTS:
        raise ValidationFailed("未知的设置项。", fields={"key": ["未知的设置项"]})
    value = _check_value(key, value)
    effective_from = effective_from or timezone.now()
    if effective_from < timezone.now() - timezone.timedelta(minutes=1):
        raise ValidationFailed("生效时间不能早于现在：设置不改写过去（S-08）。",
                               fields={"effective_from": ["不能早于现在"]})
    return Setting.objects.create(key=key, value=value, effective_from=effective_from, note=note,
                                  created_by=user)


def _lock_calendar() -> None:
    """Serialise calendar changes (a transaction-scoped advisory lock): two administrators saving
    the same date one after the other always leave the later one in force."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('catalog.calendar_override'))")


@transaction.atomic
def calendar_override_set(*, day: date, is_working_day: bool, note: str = "", user=None) -> CalendarOverride:
    """A new decision for `day`; the earlier ones stay as its history (nothing is edited)."""
    _lock_calendar()
    return CalendarOverride.objects.create(date=day, is_working_day=bool(is_working_day), note=note,
                                           created_by=user)


@transaction.atomic
def calendar_override_clear(*, day: date, note: str = "", user=None) -> CalendarOverride | None:
    """Back to the official calendar for `day`: a row that says so (the earlier decisions stay).
    Nothing is written when no group decision is in force for `day`."""
    _lock_calendar()
    current = calendar_override_current(day=day)
    if current is None or current.is_working_day is None:
        return None
    return CalendarOverride.objects.create(date=day, is_working_day=None, note=note, created_by=user)
