"""Reads of the duty module (D-01..D-07). Everything here reads the current office's schema only."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modules.duty import shifts
from modules.duty.models import (
    Assignment,
    DaySign,
    DutyEvent,
    DutyRequest,
    Handover,
    HandoverItem,
    LogEntry,
    MonthArchive,
    Post,
    ShiftInstance,
    ShiftTemplate,
    WeekCheck,
)


def entries_current() -> QuerySet[LogEntry]:
    """Entries not replaced by a correction (D-06): what the log says now."""
    return LogEntry.objects.filter(correction__isnull=True).select_related("instance__shift", "corrects")


def _followed_at_source() -> Q:
    """D-05/D-06: a linked automatic entry (a complaint, a front-desk contact, a work order written into
    the log by its module, `source_type`/`source_id` set) has its follow-up on its source record; it is
    not the shift's unfinished work unless someone marked it important."""
    return ~Q(source_type="") & Q(source_id__isnull=False) & Q(important=False)


def _normal_patrol() -> Q:
    """D-02: a patrol that found everything up to standard: nothing to correct, nothing left open."""
    return Q(kind="patrol", abnormal=False)


def open_items(*, instance: ShiftInstance) -> QuerySet[LogEntry]:
    """D-05: unfinished work of a shift = its current entries without a result, except the linked
    automatic entries followed up at their source (see `linked_auto_entries`) and normal patrols."""
    return (entries_current().filter(instance=instance, result="").exclude(_followed_at_source())
            .exclude(_normal_patrol()))


def linked_auto_entries(*, instance: ShiftInstance | None = None, day: date | None = None) -> QuerySet[LogEntry]:
    """D-05/D-06/D-07: the current linked automatic entries without a result, not marked important, of a
    shift and/or a day — shown apart from unfinished work, with a link to their source record."""
    entries = entries_current().filter(_followed_at_source(), result="")
    if instance is not None:
        entries = entries.filter(instance=instance)
    if day is not None:
        entries = entries.filter(day=day)
    return entries.order_by("occurred_at", "id")


def blocking_items(*, instance: ShiftInstance) -> QuerySet[LogEntry]:
    """D-05: important unfinished work not released by the supervisor blocks the handover."""
    return open_items(instance=instance).filter(important=True, released_at__isnull=True)


def shift_log(*, instance: ShiftInstance) -> QuerySet[LogEntry]:
    """Every entry of a shift, corrections included, in time order (D-06)."""
    return LogEntry.objects.filter(instance=instance).select_related("corrects").order_by("occurred_at", "id")


def day_log(*, day: date) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(day=day).select_related("instance__shift", "corrects").order_by(
        "occurred_at", "id")


def month_log(*, month: date) -> QuerySet[LogEntry]:
    """D-07: every entry dated in the month (by shift date), for the archive export."""
    first = shifts.month_start(month)
    return LogEntry.objects.filter(day__gte=first, day__lt=shifts.next_month(first)).select_related(
        "instance__shift", "corrects").order_by("day", "occurred_at", "id")


def shift_template_list() -> QuerySet[ShiftTemplate]:
    return ShiftTemplate.objects.select_related("post")


def shift_template_get(*, pk) -> ShiftTemplate | None:
    return ShiftTemplate.objects.filter(pk=pk).first()


def post_list() -> QuerySet[Post]:
    return Post.objects.all()


def post_get(*, pk) -> Post | None:
    return Post.objects.filter(pk=pk).first()


def assignment_get(*, pk) -> Assignment | None:
    return Assignment.objects.filter(pk=pk).first()


def roster_lines(*, month: date) -> QuerySet[Assignment]:
    """D-01: the month's active assignments, in roster order."""
    first = shifts.month_start(month)
    return Assignment.objects.filter(date__gte=first, date__lt=shifts.next_month(first),
                                     status=Assignment.ACTIVE).select_related("shift")


def log_entries(*, instance_id: int | None = None, day: date | None = None) -> QuerySet[LogEntry]:
    """D-06: every entry, corrections included, of a shift and/or a day, in time order; each
    with its correction, if any, in the same query (the list shows whether an entry was corrected)."""
    entries = LogEntry.objects.select_related("corrects", "correction").order_by("occurred_at", "id")
    if instance_id is not None:
        entries = entries.filter(instance_id=instance_id)
    if day is not None:
        entries = entries.filter(day=day)
    return entries


def instance_get(*, pk) -> ShiftInstance | None:
    return ShiftInstance.objects.select_related("shift__post").filter(pk=pk).first()


def entry_get(*, pk) -> LogEntry | None:
    return LogEntry.objects.select_related("instance__shift", "corrects").filter(pk=pk).first()


def instances_now(*, at: datetime | None = None) -> list[ShiftInstance]:
    """D-01 "who is on duty now": the shifts on duty, and the shifts whose window covers `at`.
    A pure read: a covering shift whose instance does not exist yet is returned planned and unsaved
    (pk None), computed from its template; instances are created by the daily beat task and by the
    services that write to them (arrival, log entry, handover)."""
    at = at or timezone.now()
    covering = ShiftInstance.objects.filter(date__in=shifts.covering_days(at), shift__is_active=True,
                                            starts_at__lte=at, ends_at__gt=at)
    on_duty = ShiftInstance.objects.filter(status=ShiftInstance.ON_DUTY)
    found = {(i.shift_id, i.date): i for i in (on_duty | covering).select_related("shift")}
    for planned in planned_instances_at(at=at):
        found.setdefault((planned.shift_id, planned.date), planned)
    return sorted(found.values(), key=lambda i: (i.shift.order, i.starts_at))


def planned_instances_at(*, at: datetime) -> list[ShiftInstance]:
    """D-01: the active shifts whose window covers `at`, as unsaved planned instances (no writes)."""
    planned = []
    for day in shifts.covering_days(at):
        for shift in ShiftTemplate.objects.filter(is_active=True):
            starts_at, ends_at = shifts.window(day=day, start=shift.start, end=shift.end)
            if starts_at <= at < ends_at:
                planned.append(ShiftInstance(shift=shift, date=day, starts_at=starts_at, ends_at=ends_at))
    return planned


def day_instances(*, day: date) -> QuerySet[ShiftInstance]:
    return ShiftInstance.objects.filter(date=day).select_related("shift")


def on_duty_people(*, instance: ShiftInstance) -> QuerySet[Assignment]:
    return Assignment.objects.filter(shift=instance.shift, date=instance.date, status=Assignment.ACTIVE)


def is_assigned(*, user, instance: ShiftInstance) -> bool:
    return on_duty_people(instance=instance).filter(user_id=user.pk).exists()


def roster_month(*, month: date) -> dict:
    """D-01: the month grid — days × active shifts → names (active assignments only)."""
    first = shifts.month_start(month)
    last = shifts.next_month(first)
    shift_list = list(ShiftTemplate.objects.filter(is_active=True))
    cells: dict = {}
    for line in Assignment.objects.filter(date__gte=first, date__lt=last, status=Assignment.ACTIVE):
        cells.setdefault((line.date, line.shift_id), []).append(line)
    days = []
    day = first
    while day < last:
        days.append({"date": day, "cells": [cells.get((day, s.pk), []) for s in shift_list]})
        day = day.fromordinal(day.toordinal() + 1)
    return {"month": first, "shifts": shift_list, "days": days}


def requests_of(*, user) -> QuerySet[DutyRequest]:
    return DutyRequest.objects.filter(requester_id=user.pk).select_related("assignment__shift", "swap_with")


def request_of_get(*, user, pk) -> DutyRequest | None:
    """One of the user's own requests (D-03), or None."""
    return requests_of(user=user).filter(pk=pk).first()


def requests_pending() -> QuerySet[DutyRequest]:
    return DutyRequest.objects.filter(status=DutyRequest.PENDING).select_related(
        "assignment__shift", "swap_with__shift")


def request_get(*, pk) -> DutyRequest | None:
    return DutyRequest.objects.select_related("assignment__shift", "swap_with__shift").filter(pk=pk).first()


def my_assignments(*, user, since: date) -> QuerySet[Assignment]:
    return Assignment.objects.filter(user_id=user.pk, status=Assignment.ACTIVE, date__gte=since).select_related(
        "shift")


def swap_candidates(*, user, since: date, around_days: int = 7) -> QuerySet[Assignment]:
    """D-03: the other people's shifts one may ask to swap with — within a week of one's own coming
    shifts — chosen by date, shift and name (never typed in by a record number)."""
    mine = Assignment.objects.filter(user_id=user.pk, status=Assignment.ACTIVE, date__gte=since)
    near = Q()
    for day in mine.values_list("date", flat=True).distinct()[:62]:
        near |= Q(date__gte=day - timedelta(days=around_days), date__lte=day + timedelta(days=around_days))
    if not near:
        return Assignment.objects.none()
    return (Assignment.objects.filter(near, status=Assignment.ACTIVE, date__gte=since).exclude(user_id=user.pk)
            .select_related("shift")[:300])


def handovers_of(*, instance: ShiftInstance) -> dict:
    """The handover out of `instance` and the one into it (D-05), either None."""
    return {"handover_out": Handover.objects.filter(outgoing=instance).first(),
            "handover_in": Handover.objects.filter(incoming=instance).first()}


def next_shift_slot(*, instance: ShiftInstance) -> tuple[ShiftTemplate, date, datetime] | None:
    """D-05: (shift, date, start) of the shift of the same post that starts next after `instance`,
    computed from the templates (a pure read: no instance is created)."""
    best = None
    templates = list(ShiftTemplate.objects.filter(is_active=True, post_id=instance.shift.post_id))
    for day in (instance.date, instance.date + timedelta(days=1)):
        for shift in templates:
            starts_at, _end = shifts.window(day=day, start=shift.start, end=shift.end)
            if starts_at > instance.starts_at and (best is None or starts_at < best[2]):
                best = (shift, day, starts_at)
    return best


def expected_next(*, instance: ShiftInstance) -> dict | None:
    """D-05: who is expected to take over `instance`: the next shift and the people on its roster
    (an empty list when nobody is rostered: the supervisor names someone, D-03)."""
    slot = next_shift_slot(instance=instance)
    if slot is None:
        return None
    shift, day, starts_at = slot
    people = list(Assignment.objects.filter(shift=shift, date=day, status=Assignment.ACTIVE)
                  .values_list("user_name", flat=True))
    return {"shift": shift, "date": day, "starts_at": starts_at, "people": people}


def handover_early_by(*, instance: ShiftInstance, at: datetime | None = None) -> timedelta | None:
    """D-04/D-05: how long before the end of `instance` a handover opened at `at` would be, when that is
    earlier than the group setting `duty.handover_open_early_minutes` (None when it is not early)."""
    from modules.catalog.selectors import setting_value

    at = at or timezone.now()
    threshold = timedelta(minutes=int(setting_value("duty.handover_open_early_minutes", at=at)))
    left = instance.ends_at - at
    return left if left > threshold else None


def handover_get(*, pk) -> Handover | None:
    return Handover.objects.select_related("outgoing__shift", "incoming__shift").filter(pk=pk).first()


def handover_sign_refusal(*, handover: Handover, user_id) -> tuple[str, str] | None:
    """D-05: why this person may not sign the handover now, as (code, message), or None. The incoming
    officer signs after checking every item, reading the log and checking the area; either side's
    signature waits for an anomaly to be explained and is refused while important work is open."""
    if user_id not in (handover.outgoing_user_id, handover.incoming_user_id):
        return "not_party", str(_("只有交班人和接班人可以签字"))
    incoming = user_id == handover.incoming_user_id
    if handover.incoming_signed_at if incoming else handover.outgoing_signed_at:
        return "already_signed", str(_("您已签字"))
    if incoming:
        if handover.items.filter(state=HandoverItem.PENDING).exists():
            return "items_unchecked", str(_("还有物品未清点"))
        if not handover.log_read_at:
            return "log_not_read", str(_("请先阅读值班记录"))
        if not handover.area_checked_at:
            return "area_not_checked", str(_("请先检查区域并记录"))
    if handover.area_anomaly and not handover.anomaly_explained_at:
        return "anomaly_unexplained", str(_("交班人须先对发现的异常情况作出解释"))
    if blocking_items(instance=handover.outgoing).exists():
        return "important_item_open", str(_("有重要工作未完成，不能交班"))
    return None


def handover_item_get(*, handover_id, pk) -> HandoverItem | None:
    return HandoverItem.objects.filter(handover_id=handover_id, pk=pk).first()


def events_of(*, object_type: str, object_id: int) -> QuerySet[DutyEvent]:
    return DutyEvent.objects.filter(object_type=object_type, object_id=object_id)


def day_register(*, day: date) -> dict:
    """D-07: the day's incomplete records (no action or no result) and unclosed items. Linked automatic
    entries followed up at their source are not incomplete records of the log (D-05/D-06); they are
    listed apart under `linked`."""
    current = entries_current().filter(day=day)
    own = current.exclude(_followed_at_source()).exclude(_normal_patrol())  # D-02: only findings need action
    instances = ShiftInstance.objects.filter(date=day).select_related("shift")
    return {
        "day": day,
        "incomplete": list(own.filter(Q(result="") | Q(action="")).order_by("occurred_at", "id")),
        "linked": list(linked_auto_entries(day=day)),
        "unsigned_shifts": [i for i in instances if i.shift.keeps_log and not i.signed_at],
        "open_handovers": list(Handover.objects.filter(outgoing__date=day, status=Handover.OPEN)),
        "signature": DaySign.objects.filter(day=day).first(),
        "entries": current.count(),
    }


def day_open_items(*, register: dict) -> dict:
    """D-07: the ids of what the day register shows still open (kept on the signature)."""
    return {"incomplete": [e.pk for e in register["incomplete"]],
            "unsigned_shifts": [i.pk for i in register["unsigned_shifts"]],
            "open_handovers": [h.pk for h in register["open_handovers"]]}


def week_overview(*, week_start: date, today: date | None = None) -> dict:
    """D-07: the week's days with the supervisor's signature; `unsigned_days` are the days already
    begun (up to `today`) that nobody signed — what the manager's weekly check must see."""
    today = today or shifts.local_date(timezone.now())
    days = [date.fromordinal(week_start.toordinal() + n) for n in range(7)]
    signs = {s.day: s for s in DaySign.objects.filter(day__in=days)}
    return {"week_start": week_start, "days": [{"date": d, "signature": signs.get(d)} for d in days],
            "unsigned_days": [d for d in days if d <= today and d not in signs],
            "check": WeekCheck.objects.filter(week_start=week_start).first()}


def month_archives() -> QuerySet[MonthArchive]:
    return MonthArchive.objects.all()


def month_archive_get(*, month: date) -> MonthArchive | None:
    return MonthArchive.objects.filter(month=shifts.month_start(month)).first()


def month_signed_instances(*, month: date) -> QuerySet[ShiftInstance]:
    first = shifts.month_start(month)
    return ShiftInstance.objects.filter(date__gte=first, date__lt=shifts.next_month(first),
                                        signed_at__isnull=False).select_related("shift").order_by("date")


def month_day_signs(*, month: date) -> QuerySet[DaySign]:
    first = shifts.month_start(month)
    return DaySign.objects.filter(day__gte=first, day__lt=shifts.next_month(first)).order_by("day")


# the workbench (core/workbench.py; the card in modules/duty/workbench.py)
def duty_day_lines(*, day: date) -> QuerySet[Assignment]:
    """D-01: who is rostered on `day`, shift by shift (one query)."""
    return Assignment.objects.filter(date=day, status=Assignment.ACTIVE).select_related("shift")


def duty_next_handover(*, at: datetime) -> dict | None:
    """D-05: the next shift change after `at` — the shift on duty or covering `at` that ends first, the
    handover already opened out of it (if any) — or None when no shift covers `at`. A pure read
    (instances_now); a fixed number of queries."""
    shifts_now = [i for i in instances_now(at=at) if i.shift.keeps_log]
    if not shifts_now:
        return None
    first = min(shifts_now, key=lambda i: (i.ends_at, i.shift.order))
    handover = Handover.objects.filter(outgoing_id=first.pk).first() if first.pk else None
    return {"instance": first, "at": first.ends_at, "handover": handover}
