"""Shift instances: a shift template on one date, created on first use (D-01, D-05, D-06)."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.catalog.selectors import setting_value
from modules.duty import shifts
from modules.duty.models import Arrival, ShiftInstance, ShiftTemplate
from modules.duty.services.events import duty_event_write, person_name


def shift_instance_ensure(*, shift: ShiftTemplate, day: date) -> ShiftInstance:
    starts_at, ends_at = shifts.window(day=day, start=shift.start, end=shift.end)
    instance, _created = ShiftInstance.objects.get_or_create(
        shift=shift, date=day, defaults={"starts_at": starts_at, "ends_at": ends_at})
    return instance


def shift_instances_ensure(*, day: date) -> list[ShiftInstance]:
    """D-01: the instances of every active shift on `day`, created when missing. Called explicitly by
    the pages and API that show shifts, and each day by the beat task (modules.duty.tasks); the
    selectors only read."""
    return [shift_instance_ensure(shift=shift, day=day) for shift in ShiftTemplate.objects.filter(is_active=True)]


def shift_instances_ensure_at(*, at: datetime) -> None:
    """D-01: instances for the days whose shifts may cover `at` (today, and yesterday's night)."""
    for day in shifts.covering_days(at):
        shift_instances_ensure(day=day)


def shift_instances_ensure_every_office(*, day: date | None = None) -> dict[str, int]:
    """The daily beat (D-01): today's shift instances in every office tenant, so the roster, the log
    and "on duty now" find them without any read creating rows. Each office and each shift on its own
    (core.sweeps): one that fails is logged and the others are still created."""
    from core.sweeps import for_each_office

    return for_each_office(name="daily shift instances", sweep=lambda *, office: _ensure_office_day(day=day))


def _ensure_office_day(*, day: date | None) -> int:
    from core.sweeps import for_each_row

    target = day or shifts.local_date(timezone.now())

    def ensure(shift: ShiftTemplate) -> None:
        shift_instance_ensure(shift=shift, day=target)

    return for_each_row(name="daily shift instances", rows=ShiftTemplate.objects.filter(is_active=True),
                        handle=ensure)


def shift_instance_for_log(*, at: datetime) -> ShiftInstance | None:
    """The shift whose log records what happened at `at` (D-06): among the logging shifts covering
    `at`, the one on duty; else the one that started last. None when no shift covers it.
    One statement when the instances of the covering days exist (the daily beat makes them), which also
    tells whether each one's month is archived (`.month_archived`, D-07; issue 8 goal 4: a registration
    writes a log line); else the templates are read and the covering instances made."""
    days = shifts.covering_days(at)
    near = _logging_instances_near(days=days)
    if near is not None:
        windows = {i.shift_id: (i.shift_start, i.shift_end) for i in near.values()}
        covering = [(shift_id, day) for day in days for shift_id, (start, end) in windows.items()
                    if _covers(at=at, day=day, start=start, end=end)]
        if all(key in near for key in covering):
            return _on_duty_or_latest([near[key] for key in covering])
    logging = list(ShiftTemplate.objects.filter(is_active=True, keeps_log=True))
    return _on_duty_or_latest([shift_instance_ensure(shift=shift, day=day) for day in days for shift in logging
                               if _covers(at=at, day=day, start=shift.start, end=shift.end)])


# The instances of the active logging shifts on two days, with their shift's hours, whether their month is
# archived (D-07) and how many logging shifts there are. Plain SQL: the ORM's building of this query cost
# more than the database's answering it, once per registration (issue 8 goal 4).
_NEAR_SQL = """
SELECT i.*, t.start AS shift_start, t."end" AS shift_end,
       EXISTS (SELECT 1 FROM duty_montharchive a WHERE a.month = date_trunc('month', i.date)::date) AS month_archived,
       (SELECT count(*) FROM duty_shifttemplate WHERE is_active AND keeps_log) AS logging_shifts
FROM duty_shiftinstance i JOIN duty_shifttemplate t ON t.id = i.shift_id
WHERE i.date IN (%s, %s) AND t.is_active AND t.keeps_log
"""


def _logging_instances_near(*, days) -> dict[tuple, ShiftInstance] | None:
    """`_NEAR_SQL` by (shift id, day) — None unless every logging shift has an instance on one of `days`
    (a shift seen on neither could cover the moment)."""
    rows = list(ShiftInstance.objects.raw(_NEAR_SQL, list(days)))
    near = {(row.shift_id, row.date): row for row in rows}
    return near if rows and len({row.shift_id for row in rows}) == rows[0].logging_shifts else None


def _covers(*, at: datetime, day: date, start, end) -> bool:
    starts_at, ends_at = shifts.window(day=day, start=start, end=end)
    return starts_at <= at < ends_at


def _on_duty_or_latest(instances: list[ShiftInstance]) -> ShiftInstance | None:
    if not instances:
        return None
    on_duty = [i for i in instances if i.status == ShiftInstance.ON_DUTY]
    return max(on_duty or instances, key=lambda i: (i.starts_at, i.pk))


def instance_transition(*, instance: ShiftInstance, to: str, user, note: str = "") -> None:
    if to not in ShiftInstance.TRANSITIONS[instance.status]:
        raise NotAllowedNow("班次状态不允许此操作", code="shift_" + instance.status)
    from_status, instance.status = instance.status, to
    now = timezone.now()
    if to == ShiftInstance.ON_DUTY:
        instance.started_at = now
    if to == ShiftInstance.CLOSED:
        instance.closed_at = now
    instance.save(update_fields=["status", "started_at", "closed_at"])
    duty_event_write(object_type="instance", object_id=instance.pk, kind="status", user=user,
                     from_status=from_status, to_status=to, note=note)


def arrival_record(*, user, instance: ShiftInstance) -> Arrival:
    """D-04: arrival time kept; later than `duty.arrive_early_minutes` before the start is late."""
    existing = Arrival.objects.filter(instance=instance, user_id=user.pk).first()
    if existing:
        return existing
    now = timezone.now()
    early = int(setting_value("duty.arrive_early_minutes", at=now))
    late = shifts.is_late(arrived_at=now, starts_at=instance.starts_at, early_minutes=early)
    try:
        with transaction.atomic():
            arrival = Arrival.objects.create(instance=instance, user_id=user.pk, user_name=person_name(user),
                                             arrived_at=now, late=late)
            from modules.assessment.hooks import proposal_from_arrival

            proposal_from_arrival(arrival=arrival, starts_at=instance.starts_at, user=user)
            return arrival
    except IntegrityError:
        return Arrival.objects.get(instance=instance, user_id=user.pk)


@transaction.atomic
def shift_start(*, user, instance_id: int) -> ShiftInstance:
    """Start a shift nobody hands over to (the first one of a post). If an earlier shift of the same
    post is on duty, the new shift begins only through a handover (D-05)."""
    from modules.duty.selectors import is_assigned

    instance = ShiftInstance.objects.select_for_update(of=("self",)).select_related("shift").filter(pk=instance_id).first()
    if instance is None:
        raise NotFound("没有这个班次")
    if not is_assigned(user=user, instance=instance):
        raise NotAllowedNow("您不在该班次的排班上", code="not_on_roster")
    earlier_on_duty = ShiftInstance.objects.filter(
        status=ShiftInstance.ON_DUTY, shift__post_id=instance.shift.post_id, starts_at__lt=instance.starts_at)
    if earlier_on_duty.exists():
        raise NotAllowedNow("上一班尚未交接，请通过交接班接班", code="handover_required")
    instance_transition(instance=instance, to=ShiftInstance.ON_DUTY, user=user, note="开始值班")
    arrival_record(user=user, instance=instance)
    return instance


@transaction.atomic
def shift_start_planned(*, user, shift_id: int, day: date) -> ShiftInstance:
    """Start a planned shift that has no instance row yet ("on duty now" shows it with a null id,
    D-01): the instance is made here and started as `shift_start` does (roster, handover, D-05). A
    refused start leaves no row. Only a shift of yesterday, today or tomorrow can be started now."""
    if abs((day - shifts.local_date(timezone.now())).days) > 1:
        raise ValidationFailed(_("只能开始昨天、今天或明天的班次。"), fields={"date": [_("不是可开始的日期")]})
    shift = ShiftTemplate.objects.filter(pk=shift_id, is_active=True).first()
    if shift is None:
        raise NotFound(_("没有这个班次"))
    instance = shift_instance_ensure(shift=shift, day=day)
    return shift_start(user=user, instance_id=instance.pk)
