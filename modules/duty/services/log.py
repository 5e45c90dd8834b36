"""The duty log 值班记录表 (D-06): entries are added, corrected by new entries, released, signed."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from core.moments import is_in_future
from modules.duty import shifts
from modules.duty.models import LogEntry, MonthArchive, ShiftInstance
from modules.duty.services.events import duty_event_write, person_name
from modules.duty.services.instances import shift_instance_for_log


def month_is_archived(day) -> bool:
    return MonthArchive.objects.filter(month=shifts.month_start(day)).exists()


def _validate(*, kind: str, content: str) -> None:
    errors = {}
    if kind not in LogEntry.KIND_CODES:
        errors["kind"] = ["类别无效"]
    if not (content or "").strip():
        errors["content"] = ["请填写内容"]
    if errors:
        raise ValidationFailed("值班记录填写有误", fields=errors)


@transaction.atomic
def log_entry_add(**fields) -> LogEntry:
    """D-06: one line of the log in its own transaction (or savepoint); see `log_entry_write`."""
    return log_entry_write(**fields)


def log_entry_write(*, user, kind: str, content: str, action: str = "", result: str = "", note: str = "",
                    occurred_at: datetime | None = None, important: bool = False, source_type: str = "",
                    source_id: int | None = None, allow_archived: bool = False,
                    check_future: bool = True, abnormal: bool = False, links: dict | None = None) -> LogEntry:
    """The body of `log_entry_add`, in the caller's transaction (modules.duty.hooks: another module's
    registration, issue 8 goal 4 — no savepoint of its own).
    D-06: one line of the log, in the shift running at `occurred_at` (none → kept for the day).
    D-02: the duty officer's inquiries, requests for help and patrol findings (kind "patrol": what is
    not up to standard, how it was corrected) are recorded here.
    D-07: nothing new dated in an archived month, unless the caller must not fail (noted).
    `links` (from modules.duty.hooks) carries the numbers staff read: source_number, link_type/id/number."""
    _validate(kind=kind, content=content)
    occurred_at = occurred_at or timezone.now()
    if check_future and is_in_future(occurred_at):
        raise ValidationFailed("时间不能晚于现在", fields={"occurred_at": ["时间不能晚于现在"]})
    instance = shift_instance_for_log(at=occurred_at)
    day = instance.date if instance else shifts.local_date(occurred_at)  # a night belongs to its start date
    archived = getattr(instance, "month_archived", None)  # read with the instance when it could be
    if archived is None:
        archived = month_is_archived(day)
    if archived and not allow_archived:
        raise NotAllowedNow("该月值班记录已归档，只能更正", code="month_archived")
    entry = LogEntry.objects.create(
        instance=instance, day=day, occurred_at=occurred_at, kind=kind,
        content=content.strip(), action=action.strip(), result=result.strip(), note=note.strip(),
        important=important, abnormal=abnormal and kind == "patrol", source_type=source_type,
        source_id=source_id, after_archive=archived, author_id=getattr(user, "pk", None),
        author_name=person_name(user), **_link_fields(links))
    duty_event_write(object_type="entry", object_id=entry.pk, kind="added", user=user,
                     note=entry.source_number)
    return entry


def _link_fields(links: dict | None) -> dict:
    links = links or {}
    return {"source_number": str(links.get("source_number") or "")[:32],
            "link_type": str(links.get("link_type") or "")[:32], "link_id": links.get("link_id"),
            "link_number": str(links.get("link_number") or "")[:32]}


@transaction.atomic
def log_entry_correct(*, user, entry_id: int, content: str, action: str = "", result: str = "",
                      note: str = "", kind: str | None = None, abnormal: bool | None = None) -> LogEntry:
    """D-06: never edited in place; the correction is a new entry pointing at the old one. Allowed in
    an archived month, noted (D-07)."""
    old = LogEntry.objects.select_for_update().filter(pk=entry_id).first()
    if old is None:
        raise NotFound("没有这条记录")
    if LogEntry.objects.filter(corrects=old).exists():
        raise NotAllowedNow("这条记录已被更正，请更正最新的一条", code="already_corrected")
    kind = kind or old.kind
    _validate(kind=kind, content=content)
    entry = LogEntry.objects.create(
        instance=old.instance, day=old.day, occurred_at=old.occurred_at, kind=kind, content=content.strip(),
        action=action.strip(), result=result.strip(), note=note.strip(), important=old.important,
        abnormal=(old.abnormal if abnormal is None else abnormal) and kind == "patrol",
        corrects=old, source_type=old.source_type, source_id=old.source_id, source_number=old.source_number,
        link_type=old.link_type, link_id=old.link_id, link_number=old.link_number,
        after_archive=month_is_archived(old.day), released_by_id=old.released_by_id,
        released_by_name=old.released_by_name, released_at=old.released_at,
        author_id=getattr(user, "pk", None), author_name=person_name(user))
    duty_event_write(object_type="entry", object_id=entry.pk, kind="corrected", user=user,
                     note=f"更正 {timezone.localtime(old.occurred_at):%m-%d %H:%M} 的记录")
    return entry


@transaction.atomic
def log_entry_complete(*, user, entry_id: int, result: str) -> LogEntry:
    """D-05/D-06 标记完成: unfinished work is finished. The entry is never edited: a correction records
    the result, so it no longer blocks the handover."""
    result = (result or "").strip()
    if not result:
        raise ValidationFailed("请填写处理结果", fields={"result": ["请填写处理结果"]})
    old = LogEntry.objects.select_for_update().filter(pk=entry_id).first()
    if old is None:
        raise NotFound("没有这条记录")
    if old.result:
        raise NotAllowedNow("这条记录已有结果", code="already_done")
    return log_entry_correct(user=user, entry_id=old.pk, kind=old.kind, content=old.content,
                             action=old.action, result=result, note="标记完成")


@transaction.atomic
def log_entry_release(*, user, entry_id: int, note: str = "") -> LogEntry:
    """D-05: the supervisor lets an important open item pass the handover (it stays open)."""
    entry = LogEntry.objects.select_for_update().filter(pk=entry_id).first()
    if entry is None:
        raise NotFound("没有这条记录")
    if not entry.important or entry.result or entry.released_at or hasattr(entry, "correction"):
        raise NotAllowedNow("这条记录无需放行", code="not_blocking")
    entry.released_by_id, entry.released_by_name = user.pk, person_name(user)
    entry.released_at = timezone.now()
    entry.save(update_fields=["released_by_id", "released_by_name", "released_at"])
    duty_event_write(object_type="entry", object_id=entry.pk, kind="released", user=user, note=note)
    return entry


@transaction.atomic
def shift_log_sign(*, user, instance_id: int) -> ShiftInstance:
    """D-06: the duty director signs the log of a shift, once, after it has begun."""
    instance = ShiftInstance.objects.select_for_update().filter(pk=instance_id).first()
    if instance is None:
        raise NotFound("没有这个班次")
    if instance.signed_at:
        raise NotAllowedNow("该班次值班记录已签字", code="already_signed")
    if instance.status == ShiftInstance.PLANNED and instance.starts_at > timezone.now():
        raise NotAllowedNow("班次尚未开始", code="shift_not_started")
    instance.signed_by_id, instance.signed_by_name = user.pk, person_name(user)
    instance.signed_at = timezone.now()
    instance.save(update_fields=["signed_by_id", "signed_by_name", "signed_at"])
    duty_event_write(object_type="instance", object_id=instance.pk, kind="log_signed", user=user)
    return instance
