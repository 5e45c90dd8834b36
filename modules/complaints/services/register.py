"""Registering a complaint (C-01, C-02) and head-office instructions on it (C-16)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.calendar import local
from core.errors import ValidationFailed
from core.files.services import file_store
from core.moments import is_in_future, is_too_far_back, too_far_back_message
from core.permissions import CS_SUPERVISOR, DUTY_OFFICER
from core.validators import is_valid_phone, normalize_phone
from modules.catalog.selectors import setting_value, setting_values
from modules.complaints import deadlines
from modules.complaints.models import CHANNELS, STEP_CLASSIFY, Complaint, ComplaintCounter
from modules.complaints.services._common import (
    actor_name,
    complaint_lock,
    current_office,
    event_write,
    sla_snapshot,
    step_set,
)
from modules.residents.models import Household


def complaint_number_next(*, year: int) -> str:
    """C-02: `TS-<year>-<6 digits>`, unique in the office. The year's counter row is locked, so two
    registrations at once never get the same number. One statement once the year's row exists: the
    UPDATE … RETURNING locks the row to the end of the transaction and reads the new number (issue 8:
    three statements before, the lock, the read and the write)."""
    last = _counter_bump(year)
    if last is None:  # the year's first complaint in this office
        ComplaintCounter.objects.bulk_create([ComplaintCounter(year=year)], ignore_conflicts=True)
        last = _counter_bump(year)
    return f"TS-{year}-{last:06d}"


def _counter_bump(year: int) -> int | None:
    table = connection.ops.quote_name(ComplaintCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE {table} SET "last" = "last" + 1 WHERE "year" = %s RETURNING "last"', [year])
        row = cursor.fetchone()
    return None if row is None else row[0]


def _categories(at: datetime) -> set[str]:
    return _category_codes(setting_value("complaint.categories", at=at))


def _category_codes(value) -> set[str]:
    return {str(row[0]) for row in value}


def _settings_at_receipt(*, received_at: datetime, sla_at: datetime | None) -> tuple[set[str], dict]:
    """The complaint categories in force at receipt and the settings frozen on the complaint (S-08): one
    query when both are read at the same moment (issue 8 goal 4), two when head office forwards it later."""
    if sla_at is not None:
        return _categories(received_at), sla_snapshot(at=sla_at)
    values = setting_values([f"complaint.{key}" for key in deadlines.SLA_KEYS] + ["complaint.categories"], at=received_at)
    return (_category_codes(values["complaint.categories"]),
            {key: values[f"complaint.{key}"] for key in deadlines.SLA_KEYS})


def _validate(*, channel, content, name, phone, category, household_id, received_at, requested_reply_at,
              categories: set[str], typed: bool = True):
    """`typed`: `received_at` was given (typed in, or carried from a contact); when it is the moment of
    registration itself it can be neither in the future nor too far back, and the setting that bounds a
    typed time is not read (issue 8 goal 4)."""
    errors: dict[str, list[str]] = {}
    if channel not in dict(CHANNELS):
        errors["channel"] = ["渠道不在列表中"]
    if not (content or "").strip():
        errors["content"] = ["请填写投诉内容"]
    if not (name or "").strip():
        errors["complainant_name"] = ["请填写投诉人姓名"]
    if not is_valid_phone(phone or ""):
        errors["complainant_phone"] = ["请输入有效的手机号或固定电话"]
    if category not in categories:
        errors["category"] = ["类别不在集团投诉类别列表中"]
    if household_id is not None and not Household.objects.filter(pk=household_id).exists():
        errors["household_id"] = ["没有这一户"]
    if typed and is_in_future(received_at):
        errors["received_at"] = ["接待时间不能晚于现在"]
    elif typed and is_too_far_back(received_at):  # a typed-in receipt from 1900 would be numbered TS-1900-…
        errors["received_at"] = [too_far_back_message()]
    if requested_reply_at is not None and requested_reply_at <= received_at:
        errors["requested_reply_at"] = ["要求回复时间应晚于接待时间"]
    if errors:
        raise ValidationFailed("登记信息有误。", fields=errors)


def complaint_register(*, user, channel: str, content: str, complainant_name: str, complainant_phone: str,
                       household_id: int | None = None, category: str = "other", expectation: str = "",
                       requested_reply_at: datetime | None = None, received_at: datetime | None = None,
                       attachments: Sequence[UploadedFile] = (), idempotency_key: str | None = None,
                       source_type: str = "", source_id: int | None = None, hq_ref: str = "",
                       unit_text: str = "", sla_at: datetime | None = None) -> Complaint:
    """C-01/C-02: register a complaint. The same `idempotency_key` twice from the same user gives the
    same complaint (`.was_created` is False the second time); keys are per receiving user, so another
    user's key never returns their complaint. A key longer than the column is refused (400).
    S-08: the settings in force at receipt are frozen on it, or at `sla_at` when it enters the office
    later than it was received (head office forwarding it, C-16)."""
    key = _idempotency_key(idempotency_key)
    if key and (existing := _same_request(key=key, user=user)):
        existing.was_created = False
        return existing
    typed, received_at = received_at is not None, received_at or timezone.now()
    categories, sla = _settings_at_receipt(received_at=received_at, sla_at=sla_at)
    _validate(typed=typed, categories=categories, channel=channel, content=content, name=complainant_name, phone=complainant_phone,
              category=category, household_id=household_id, received_at=received_at,
              requested_reply_at=requested_reply_at)
    fields = dict(
        channel=channel, household_id=household_id, unit_text=unit_text.strip()[:64],
        complainant_name=complainant_name.strip()[:64], complainant_phone=normalize_phone(complainant_phone),
        content=content.strip(), category=category, expectation=expectation.strip(),
        requested_reply_at=requested_reply_at, received_at=received_at, received_by_id=getattr(user, "pk", None),
        received_by_name=actor_name(user), idempotency_key=key, source_type=source_type, source_id=source_id,
        hq_ref=hq_ref.strip()[:64], sla=sla,
    )
    try:
        with transaction.atomic():
            complaint = _create(fields=fields, user=user, attachments=attachments)
    except IntegrityError:
        existing = _same_request(key=key, user=user) if key else None
        if existing is None:
            raise
        existing.was_created = False
        return existing
    complaint.was_created = True
    return complaint


def _idempotency_key(value: str | None) -> str | None:
    key = (value or "").strip() or None
    limit = Complaint._meta.get_field("idempotency_key").max_length
    if key and len(key) > limit:
        raise ValidationFailed("幂等键过长。", fields={"idempotency_key": [f"不能超过 {limit} 个字符"]})
    return key


def _same_request(*, key: str, user) -> Complaint | None:
    return Complaint.objects.filter(idempotency_key=key, received_by_id=getattr(user, "pk", None)).first()


def _create(*, fields: dict, user, attachments) -> Complaint:
    received_at = fields["received_at"]
    complaint = Complaint(number=complaint_number_next(year=local(received_at).year), **fields)
    due = fields["requested_reply_at"] or deadlines.reply_due(
        received_at=received_at, urgent=False, sla=fields["sla"])
    step_set(complaint=complaint, step=STEP_CLASSIFY, due_at=due)
    complaint.save()
    stored = [file_store(upload=upload, user=user, field="attachments") for upload in attachments]
    if stored:
        complaint.attachments.add(*stored)
    registered = event_write(complaint=complaint, kind="registered", user=user, to_status=complaint.status,
                             note=complaint.content[:200], at=received_at,
                             data={"channel": complaint.channel, "hq_ref": complaint.hq_ref})
    complaint.events_written = [registered]  # its whole history so far (selectors.complaint_get_registered)
    _duty_log(complaint=complaint, user=user)
    _duty_notify(complaint=complaint, user=user)
    return complaint


def _duty_log(*, complaint: Complaint, user) -> None:
    """D-06 / C-04: the complaint appears in the duty log of the shift that received it."""
    from modules.duty.hooks import duty_log_auto_entry

    duty_log_auto_entry(kind="complaint", content=f"{complaint.number} 投诉登记：{complaint.content}"[:500],
                        source_type="complaint", source_id=complaint.pk, occurred_at=complaint.received_at,
                        user=user, source_number=complaint.number)


def _duty_notify(*, complaint: Complaint, user) -> None:
    """C-04: a new complaint goes to the duty officer at once: the office's duty officers are told (in
    the app, and by e-mail through the outbox, so nothing is lost while Redis is down), except the one
    who received it. A complaint no staff member received (the online form, C-01) is also told to the
    CS supervisors, who hold unassigned steps (C-17). Once per complaint (dedupe key)."""
    from core.notifications.services import notification_send_to_roles

    roles = {DUTY_OFFICER} if user is not None else {DUTY_OFFICER, CS_SUPERVISOR}
    notification_send_to_roles(tenant=current_office(), roles=sorted(roles), exclude_user_ids=[getattr(user, "pk", None)],
                               title=f"新投诉 {complaint.number}", body=complaint.content[:200],
                               url=f"/complaints/{complaint.pk}/",
                               dedupe_key=f"{connection.schema_name}:complaint:{complaint.pk}:registered")


def complaint_hq_instruction_add(*, complaint_id: int, text: str, author_name: str) -> None:
    """C-16: an instruction from head office, shown in the office timeline."""
    if not (text or "").strip():
        raise ValidationFailed("指示内容不能为空。", fields={"text": ["请填写指示内容"]})
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        event_write(complaint=complaint, kind="hq_instruction", actor=author_name[:64],
                    from_status=complaint.status, note=text.strip())
