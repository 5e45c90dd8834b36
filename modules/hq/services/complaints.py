"""Complaints head office receives itself (C-01, C-16): register, forward, result, follow-up.

Forwarding and the office's result cross tenants only through tenants/bridge.py, which calls the
functions here with the connection in the hq schema, inside its single transaction."""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from core.calendar import add_hours, local
from core.errors import NotAllowedNow, NotFound, ValidationFailed
from core.moments import typed_time_problem
from core.validators import is_valid_phone, normalize_phone
from modules.catalog.selectors import setting_value
from modules.hq.models import TRANSITIONS, HqComplaint, HqComplaintCounter, HqComplaintEvent
from modules.hq.services.cases import parse_moment

# the office-side channel of a complaint head office forwards (C-01: "hotline of the head office")
OFFICE_CHANNEL = "hq_hotline"


def _name(user) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", ""))[:64]


def _move(item: HqComplaint, to: str, *, kind: str, actor: str, note: str = "",
          at: datetime | None = None) -> None:
    """Check the transition table, write the row, write the event (DESIGN.md convention 2)."""
    if to not in TRANSITIONS[item.status]:
        raise NotAllowedNow(f"当前状态（{item.get_status_display()}）不能执行此操作。",
                            code="hq_complaint_transition")
    before, item.status = item.status, to
    item.save()
    HqComplaintEvent.objects.create(complaint=item, at=at or timezone.now(), kind=kind, actor=actor,
                                    from_status=before, to_status=to, note=note)


def _required(**values) -> None:
    missing = {k: ["必填"] for k, v in values.items() if not (v or "").strip()}
    if missing:
        raise ValidationFailed("请填写必填项。", fields=missing)


def hq_complaint_number_next(*, year: int) -> str:
    """C-16: head office's own number `ZB-<year>-<6 digits>`, the office numbering (C-02) with the prefix
    ZB. The year's counter row is bumped by one locking UPDATE … RETURNING, so two registrations at once
    never get the same number (the row stays locked to the end of the transaction)."""
    last = _counter_bump(year)
    if last is None:  # head office's first complaint of the year
        HqComplaintCounter.objects.bulk_create([HqComplaintCounter(year=year)], ignore_conflicts=True)
        last = _counter_bump(year)
    return f"ZB-{year}-{last:06d}"


def _counter_bump(year: int) -> int | None:
    table = connection.ops.quote_name(HqComplaintCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE {table} SET "last" = "last" + 1 WHERE "year" = %s RETURNING "last"', [year])
        row = cursor.fetchone()
    return None if row is None else row[0]


@transaction.atomic
def hq_complaint_register(*, user, channel: str, content: str, complainant_name: str,
                          complainant_phone: str, unit_text: str = "",
                          received_at: datetime | None = None) -> HqComplaint:
    """C-16: head office records a complaint from its hotline, mailbox, the media or the government."""
    if channel not in dict(HqComplaint.CHANNELS):
        raise ValidationFailed("渠道无效。", fields={"channel": ["无效选项"]})
    _required(content=content, complainant_name=complainant_name, complainant_phone=complainant_phone)
    if not is_valid_phone(complainant_phone):
        raise ValidationFailed("联系电话无效。", fields={"complainant_phone": ["请输入有效的手机号或固定电话"]})
    now = timezone.now()
    problem = received_at and typed_time_problem(received_at, now=now)  # C-16: not future, not too old
    if problem:
        raise ValidationFailed(problem, fields={"received_at": [problem]})
    received_at = received_at or now
    item = HqComplaint.objects.create(
        number=hq_complaint_number_next(year=local(received_at).year), channel=channel, content=content.strip(), complainant_name=complainant_name.strip(),
        complainant_phone=normalize_phone(complainant_phone), unit_text=(unit_text or "").strip(),
        received_at=received_at, registered_by=_name(user))
    HqComplaintEvent.objects.create(complaint=item, at=now, kind="registered", actor=item.registered_by,
                                    to_status=item.status, note=item.get_channel_display())
    return item


def _locked(complaint_id: int) -> HqComplaint:
    item = HqComplaint.objects.select_for_update().filter(pk=complaint_id).first()
    if item is None:
        raise NotFound("没有这条总部投诉。")
    return item


def hq_complaint_forward_check(*, complaint_id: int) -> HqComplaint:
    """Lock the complaint and refuse a second forwarding (409) before the office is touched."""
    item = _locked(complaint_id)
    if HqComplaint.FORWARDED not in TRANSITIONS[item.status]:
        raise NotAllowedNow("这条投诉已转办，不能重复转办。", code="already_forwarded")
    return item


def hq_complaint_office_fields(*, complaint: HqComplaint, at: datetime) -> dict:
    """The arguments of the office's complaint_register for a forwarded complaint (hq_ref links back).
    S-08: the office freezes the settings in force at `at`, the moment of forwarding."""
    return {
        "sla_at": at,
        "channel": OFFICE_CHANNEL, "content": complaint.content, "unit_text": complaint.unit_text,
        "complainant_name": complaint.complainant_name,
        "complainant_phone": complaint.complainant_phone, "received_at": complaint.received_at,
        "hq_ref": complaint.hq_ref, "idempotency_key": f"hq-forward-{complaint.pk}",
        "source_type": "hq_complaint", "source_id": complaint.pk,
    }


def hq_complaint_forwarded_record(*, complaint_id: int, office, office_complaint_id: int,
                                  office_number: str, by_name: str, result_report_hours: int,
                                  at: datetime) -> HqComplaint:
    """C-16: forwarded at `at`; S-08: the result-report hours frozen then are the ones the office froze."""
    item = _locked(complaint_id)
    now = at
    item.result_report_hours = result_report_hours
    item.office_id, item.office_slug, item.office_name = office.pk, office.slug, office.name
    item.office_complaint_id, item.office_number = office_complaint_id, office_number
    item.forwarded_at, item.forwarded_by = now, by_name[:64]
    _move(item, HqComplaint.FORWARDED, kind="forwarded", actor=by_name, at=now,
          note=f"{office.name} {office_number}")
    return item


def hq_complaint_by_ref(ref: str):
    """The filter an office's hq_ref names: head office's number (ZB-…), or "HQ-<id>", the reference
    office copies forwarded before head office numbered its complaints carry. None: not a reference."""
    ref = (ref or "").strip().upper()
    if ref.startswith("HQ-") and ref[3:].isdigit():
        return {"pk": int(ref[3:])}
    if ref.startswith("ZB-"):
        return {"number": ref}
    return None


def _matched(*, office, snapshot: dict) -> HqComplaint | None:
    """The HqComplaint an office snapshot refers to by its hq_ref, if it was sent to that office."""
    lookup = hq_complaint_by_ref(str((snapshot or {}).get("hq_ref") or ""))
    if lookup is None:
        return None
    return HqComplaint.objects.select_for_update().filter(office_id=office.pk, **lookup).first()


def result_due(item: HqComplaint, completed_at: datetime) -> datetime:
    """C-16: the result is due within `complaint.hq_result_report_hours` of the office finishing it.
    S-08: the hours in force when it was forwarded, frozen then, as the office computes its own deadline
    (a later change of the setting never moves it)."""
    hours = item.result_report_hours
    if hours is None:  # forwarded before the hours were frozen: the setting in force at forwarding
        hours = setting_value("complaint.hq_result_report_hours", at=item.forwarded_at or completed_at)
    return add_hours(completed_at, hours)


def _completed(item: HqComplaint, completed_at: datetime | None, label: str) -> None:
    item.office_status = label[:64] or item.office_status
    if completed_at and item.office_completed_at is None:
        item.office_completed_at, item.result_due_at = completed_at, result_due(item, completed_at)


def hq_complaint_office_update(*, office, snapshot: dict) -> HqComplaint | None:
    """The office's status of a forwarded complaint; its completion starts the C-16 clock."""
    item = _matched(office=office, snapshot=snapshot)
    if item is None:
        return None
    _completed(item, parse_moment(snapshot.get("completed_at")),
               str(snapshot.get("status_label") or snapshot.get("status") or ""))
    if item.office_completed_at and item.status == HqComplaint.FORWARDED:
        _move(item, HqComplaint.COMPLETED, kind="office_completed", actor=office.name,
              at=item.office_completed_at)
    else:
        item.save()
    return item


def hq_complaint_result_record(*, office, snapshot: dict, summary: str, by_name: str) -> HqComplaint:
    """C-16: the office reports the result. Reported later than due → flagged overdue (kept, not refused)."""
    _required(summary=summary)
    item = _matched(office=office, snapshot=snapshot)
    if item is None:
        raise NotFound("没有对应的总部转办投诉。", code="hq_ref_unknown")
    now = timezone.now()
    _completed(item, parse_moment(snapshot.get("completed_at")) or now,
               str(snapshot.get("status_label") or snapshot.get("status") or ""))
    item.result_summary, item.result_reported_at = summary.strip(), now
    item.result_reported_by = (by_name or "")[:64]
    late = "（超时回报）" if now > item.result_due_at else ""
    _move(item, HqComplaint.REPORTED, kind="result_reported", actor=item.result_reported_by, at=now,
          note=f"{item.result_summary}{late}")
    return item


@transaction.atomic
def hq_complaint_follow_up(*, user, complaint_id: int, note: str) -> HqComplaint:
    """C-16: the quality department follows up the reported result."""
    _required(note=note)
    item = _locked(complaint_id)
    now = timezone.now()
    item.followed_up_at, item.followed_up_by, item.follow_up_note = now, _name(user), note.strip()
    _move(item, HqComplaint.FOLLOWED_UP, kind="followed_up", actor=item.followed_up_by, at=now,
          note=item.follow_up_note)
    return item
