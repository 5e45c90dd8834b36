"""Shift instances: a shift template on one date, created on first use (D-01, D-05, D-06)."""

from __future__ import annotations

from datetime import date, datetime

from modules.duty import shifts
from modules.duty.models import ShiftInstance, ShiftTemplate


def shift_instance_ensure(*, shift: ShiftTemplate, day: date) -> ShiftInstance:
    starts_at, ends_at = shifts.window(day=day, start=shift.start, end=shift.end)
    instance, _created = ShiftInstance.objects.get_or_create(
        shift=shift, date=day, defaults={"starts_at": starts_at, "ends_at": ends_at})
    return instance


def shift_instance_for_log(*, at: datetime) -> ShiftInstance | None:
    """The shift whose log records what happened at `at` (D-06): among the logging shifts covering
    `at`, the one on duty; else the one that started last. None when no shift covers it."""
    candidates = []
    for day in shifts.covering_days(at):
        for shift in ShiftTemplate.objects.filter(is_active=True, keeps_log=True):
            starts_at, ends_at = shifts.window(day=day, start=shift.start, end=shift.end)
            if starts_at <= at < ends_at:
                candidates.append((shift, day, starts_at))
    if not candidates:
        return None
    instances = [shift_instance_ensure(shift=shift, day=day) for shift, day, _s in candidates]
    on_duty = [i for i in instances if i.status == ShiftInstance.ON_DUTY]
    pool = on_duty or instances
    return max(pool, key=lambda i: (i.starts_at, i.pk))
