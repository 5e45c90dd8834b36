"""Small checks on the moments staff type in (registration, contact and log times), and the range of
dates any date parameter may name.

A typed-in time is neither in the future (beyond a little clock skew) nor further back than the group
setting `input.typed_time_max_days_back` (a registration dated 1900 would be numbered TS-1900-…). Any date
a request names — a day, a week, a month to show, a moment typed in — lies within the years
settings.INPUT_DATE_MIN_YEAR..INPUT_DATE_MAX_YEAR, so date arithmetic (next week, next month, deadlines)
never overflows: out of range is bad input (400 naming the field), never a 500."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

# a browser or a desk PC whose clock runs a little ahead is not "in the future"
CLOCK_SKEW = timedelta(minutes=5)
TYPED_TIME_SETTING = "input.typed_time_max_days_back"


def is_in_future(moment: datetime, *, now: datetime | None = None) -> bool:
    return moment > (now or timezone.now()) + CLOCK_SKEW


def typed_time_max_days_back(*, now: datetime | None = None) -> int:
    from modules.catalog.selectors import setting_value  # the group setting in force now (S-08)

    return int(setting_value(TYPED_TIME_SETTING, at=now))


def is_too_far_back(moment: datetime, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return moment < now - timedelta(days=typed_time_max_days_back(now=now))


def too_far_back_message(*, now: datetime | None = None) -> str:
    return _("不能早于 %(days)s 天前") % {"days": typed_time_max_days_back(now=now)}


def typed_time_problem(moment: datetime, *, now: datetime | None = None) -> str | None:
    """Why a typed-in time is refused (in the future, or too far back), else None."""
    now = now or timezone.now()
    if is_in_future(moment, now=now):
        return _("不能晚于现在")
    if is_too_far_back(moment, now=now):
        return too_far_back_message(now=now)
    return None


def date_in_range(value: date | datetime) -> bool:
    return settings.INPUT_DATE_MIN_YEAR <= value.year <= settings.INPUT_DATE_MAX_YEAR


def date_range_message() -> str:
    return _("日期应在 %(first)s 年至 %(last)s 年之间") % {
        "first": settings.INPUT_DATE_MIN_YEAR, "last": settings.INPUT_DATE_MAX_YEAR}
