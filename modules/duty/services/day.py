"""End of day, week and month (D-07): the supervisor signs the day, the manager checks the week,
the records clerk archives the month (from then on only corrections, noted)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import NotAllowedNow, ValidationFailed
from modules.duty import shifts
from modules.duty.models import DaySign, MonthArchive, WeekCheck
from modules.duty.services.events import duty_event_write, person_name


def _today() -> date:
    return shifts.local_date(timezone.now())


def _once(model, *, event_type: str, user, **fields):
    try:
        with transaction.atomic():
            row = model.objects.create(**fields)
    except IntegrityError as exc:
        raise NotAllowedNow("已经签过了", code="already_signed") from exc
    duty_event_write(object_type=event_type, object_id=row.pk, kind="signed", user=user, note=fields["note"])
    return row


@transaction.atomic
def day_sign(*, user, day: date, note: str = "") -> DaySign:
    """D-07: the supervisor signs the day's records (today or an earlier day). When the register still
    shows incomplete records or unclosed items, the signature needs a note acknowledging them; what
    was open is kept on the signature."""
    from modules.duty.selectors import day_open_items, day_register

    if day is None:
        raise ValidationFailed("请选择日期", fields={"day": ["必填"]})
    if day > _today():
        raise NotAllowedNow("不能签署未来的日期", code="day_not_started")
    note = (note or "").strip()
    open_items = day_open_items(register=day_register(day=day))
    if any(open_items.values()) and not note:
        message = "当日仍有不完整记录或未关闭事项，签字须填写确认说明"
        raise ValidationFailed(message, code="acknowledgement_required", fields={"note": [message]})
    return _once(DaySign, event_type="day", user=user, day=day, signed_by_id=user.pk,
                 signed_by_name=person_name(user), signed_at=timezone.now(), note=note, open_items=open_items)


@transaction.atomic
def week_check(*, user, week_start: date, note: str = "") -> WeekCheck:
    """D-07: the manager marks a week (Monday..Sunday) checked, once it has begun; the days of it not
    signed by the supervisor at that moment are kept on the check."""
    from modules.duty.selectors import week_overview

    if week_start is None or week_start.weekday() != 0:
        raise ValidationFailed("请选择一周的星期一", fields={"week_start": ["须为星期一"]})
    if week_start > _today():
        raise NotAllowedNow("该周尚未开始", code="week_not_started")
    unsigned = [d.isoformat() for d in week_overview(week_start=week_start, today=_today())["unsigned_days"]]
    return _once(WeekCheck, event_type="week", user=user, week_start=week_start,
                 checked_by_id=user.pk, checked_by_name=person_name(user), checked_at=timezone.now(),
                 note=(note or "").strip(), unsigned_days=unsigned)


@transaction.atomic
def month_archive(*, user, month: date) -> MonthArchive:
    """D-06/D-07: the records clerk archives a finished month; it is frozen from then on."""
    if month is None:
        raise ValidationFailed("请选择月份", fields={"month": ["必填"]})
    first = shifts.month_start(month)
    if shifts.next_month(first) > _today():
        raise NotAllowedNow("该月尚未结束", code="month_not_over")
    try:
        with transaction.atomic():
            row = MonthArchive.objects.create(month=first, archived_by_id=user.pk,
                                              archived_by_name=person_name(user), archived_at=timezone.now())
    except IntegrityError as exc:
        raise NotAllowedNow("该月已归档", code="already_archived") from exc
    duty_event_write(object_type="month", object_id=row.pk, kind="archived", user=user, to_status="archived")
    return row
