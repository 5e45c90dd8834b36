"""Replying (C-12), closing when satisfied (C-14), dissatisfied → a new complaint (C-13)."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone

from core.errors import ValidationFailed
from core.files.models import StoredFile
from core.files.services import file_store
from modules.complaints import deadlines
from modules.complaints.models import (
    ON_SPOT,
    REPLY_METHODS,
    STEP_CLOSE,
    STEP_REPORT_RESULT,
    Complaint,
    Reply,
)
from modules.complaints.rules import precondition_check, reply_methods_allowed, reply_needs_letter
from modules.complaints.services._common import (
    actor_name,
    complaint_lock,
    duty_log_write,
    event_write,
    sla_of,
    step_done,
    step_set,
    transition_check,
)

PNG_DATA_URL = "data:image/png;base64,"


def signature_from_data_url(*, data_url: str, user) -> StoredFile:
    """A signature drawn on screen (PNG data URL), kept like any upload (type and size checked)."""
    if not data_url.startswith(PNG_DATA_URL):
        raise ValidationFailed("签名须为 PNG 图片。", fields={"signature": ["签名格式不对"]})
    try:
        raw = base64.b64decode(data_url[len(PNG_DATA_URL):], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed("签名数据损坏。", fields={"signature": ["签名数据损坏"]}) from None
    upload = SimpleUploadedFile("signature.png", raw, content_type="image/png")
    return file_store(upload=upload, user=user, field="signature")


def _check_method(*, complaint: Complaint, method: str, letter_text: str) -> None:
    """C-10 collective → home visit; C-03 on the spot → phone; C-12 written → a letter and one other means."""
    if method not in dict(REPLY_METHODS):
        raise ValidationFailed("回复方式无效。", fields={"method": ["请选择电话、上门拜访或书面"]})
    if method not in reply_methods_allowed(complaint):
        if complaint.collective:
            raise ValidationFailed("集体投诉须上门拜访回复。",  # C-10
                                   fields={"method": ["集体投诉须上门拜访"]})
        if complaint.status == ON_SPOT:
            raise ValidationFailed("当场处理的投诉须电话回复。", fields={"method": ["请选择电话"]})
        raise ValidationFailed("书面投诉须同时以书面和电话或上门拜访回复。",
                               fields={"method": ["书面回复之外，请选择电话或上门拜访"]})
    if reply_needs_letter(complaint) and not letter_text.strip():
        raise ValidationFailed("书面投诉须同时书面回复，请填写回复函。", fields={"letter_text": ["请填写回复函"]})


def _check_reply(*, complaint: Complaint, method: str, signature, letter_text: str) -> None:
    _check_method(complaint=complaint, method=method, letter_text=letter_text)
    if method == "home_visit" and signature is None:
        raise ValidationFailed("上门拜访须有客户在访问记录表上的签名。", fields={"signature": ["缺少客户签名"]})
    if method == "written" and not letter_text.strip():
        raise ValidationFailed("书面回复须填写回复函内容。", fields={"letter_text": ["请填写回复函"]})
    precondition_check(complaint=complaint, action="reply")


def _signature(*, method: str, user, signature_data_url: str, signature_scan: UploadedFile | None):
    if method != "home_visit":
        return None
    if signature_scan is not None:
        return file_store(upload=signature_scan, user=user, field="signature")
    if signature_data_url:
        return signature_from_data_url(data_url=signature_data_url, user=user)
    return None


def complaint_reply(*, user, complaint_id: int, method: str, opinion: str = "", satisfied: bool | None = None,
                    replied_at: datetime | None = None, signature_data_url: str = "",
                    signature_scan: UploadedFile | None = None, letter_text: str = "") -> Reply:
    """C-12: record how, by whom and when the customer was answered, and their opinion (a written
    complaint: the letter and the other means in one reply). The first reply completes the handling; a
    forwarded complaint then owes head office its result (C-16), any other is followed up until the
    customer is satisfied (C-14). D-06: the reply and the customer's opinion go into the duty log."""
    now = timezone.now()
    replied_at = replied_at or now
    if replied_at > now:
        raise ValidationFailed("回复时间不能晚于现在。", fields={"replied_at": ["时间不对"]})
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        transition_check(complaint=complaint, action="reply")
        signature = _signature(method=method, user=user, signature_data_url=signature_data_url,
                               signature_scan=signature_scan)
        reply = reply_locked(complaint=complaint, user=user, method=method, opinion=opinion, satisfied=satisfied,
                             replied_at=replied_at, signature=signature, letter_text=letter_text)
    return reply


def reply_locked(*, complaint: Complaint, user, method: str, opinion: str, satisfied: bool | None,
                 replied_at: datetime, signature: StoredFile | None, letter_text: str) -> Reply:
    """C-12 on a complaint row the caller has locked (one complaint, or each of an incident's, C-10):
    the checks, the reply row, the transition, the event and the duty-log line (D-06)."""
    before, after = complaint.status, transition_check(complaint=complaint, action="reply")
    _check_reply(complaint=complaint, method=method, signature=signature, letter_text=letter_text)
    complaint.status = after
    reply = Reply.objects.create(complaint=complaint, method=method, at=replied_at, by_id=getattr(user, "pk", None),
                                 by_name=actor_name(user), opinion=opinion.strip(), satisfied=satisfied,
                                 signature=signature, letter_text=letter_text.strip())
    if complaint.completed_at is None:
        _complete(complaint=complaint, at=replied_at)
    complaint.save()
    event_write(complaint=complaint, kind="replied", user=user, from_status=before, to_status=complaint.status,
                note=opinion.strip(), data={"method": method, "reply_id": reply.pk, "satisfied": satisfied,
                                            "written": bool(reply.letter_text)})
    duty_log_write(complaint=complaint, user=user, text=_reply_line(reply), result=_opinion_line(reply),
                   at=replied_at)
    return reply


def reply_signature(*, user, signature_data_url: str = "", signature_scan: UploadedFile | None = None):
    """The customer's signature of a home visit (drawn, or a scan of the visit record), stored once."""
    return _signature(method="home_visit", user=user, signature_data_url=signature_data_url,
                      signature_scan=signature_scan)


def _reply_line(reply: Reply) -> str:
    written = "及书面回复函" if reply.letter_text and reply.method != "written" else ""
    return f"回复客户（{reply.get_method_display()}{written}）"


def _opinion_line(reply: Reply) -> str:
    """D-06: the customer's opinion of the result, as the duty log records it."""
    verdict = {True: "客户满意", False: "客户不满意", None: "客户未表态"}[reply.satisfied]
    return f"{verdict}：{reply.opinion}" if reply.opinion else verdict


def _complete(*, complaint: Complaint, at: datetime) -> None:
    step_done(complaint=complaint, now=at)
    complaint.completed_at = at
    if complaint.hq_ref and complaint.result_reported_at is None:
        step_set(complaint=complaint, step=STEP_REPORT_RESULT,
                 due_at=deadlines.hq_result_due(completed_at=at, sla=complaint.sla))
    else:
        follow_up_start(complaint=complaint, since=at)


def follow_up_start(*, complaint: Complaint, since: datetime) -> None:
    """C-14: following the customer up until satisfied is a step with a deadline, reminded and marked
    overdue by the sweep like any other (C-17)."""
    step_set(complaint=complaint, step=STEP_CLOSE,
             due_at=deadlines.follow_up_due(since=since, sla=sla_of(complaint)))


def complaint_close(*, user, complaint_id: int, satisfied: bool, note: str = "") -> Complaint:
    """C-14: closes only with the customer's satisfaction recorded. C-12: a written complaint needs
    a written reply. C-16: a forwarded complaint's result must have gone to head office first."""
    if not satisfied:
        raise ValidationFailed("客户不满意时不能结案，请转为新投诉。",  # C-13
                               fields={"satisfied": ["客户须满意"]})
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        before = complaint.status
        complaint.status = transition_check(complaint=complaint, action="close")
        precondition_check(complaint=complaint, action="close")
        now = timezone.now()
        complaint.satisfaction, complaint.closed_at = "satisfied", now
        step_done(complaint=complaint, now=now)
        step_set(complaint=complaint, step="", due_at=None)
        complaint.save()
        event_write(complaint=complaint, kind="closed", user=user, from_status=before, to_status=complaint.status,
                    note=note, data={"satisfaction": "satisfied"})
        duty_log_write(complaint=complaint, user=user, text="结案", result=f"客户满意 {note}".strip(), at=now)
        from modules.visits.services import complaint_closed

        complaint_closed(complaint)  # V-05: its return visit, in this transaction
    return complaint


def complaint_reopen_dissatisfied(*, user, complaint_id: int, opinion: str) -> Complaint:
    """C-13: the customer is not satisfied: the old complaint ends here, a new one linked to it starts."""
    from modules.complaints.services.register import complaint_register

    if not (opinion or "").strip():
        raise ValidationFailed("请填写客户的不满意见。", fields={"opinion": ["请填写客户意见"]})
    with transaction.atomic():
        old = complaint_lock(complaint_id=complaint_id)
        before = old.status
        old.status = transition_check(complaint=old, action="reopen_dissatisfied")
        old.satisfaction = "dissatisfied"
        step_done(complaint=old, now=timezone.now())
        step_set(complaint=old, step="", due_at=None)
        old.save()
        new = complaint_register(
            user=user, channel=old.channel, content=f"（对 {old.number} 处理结果不满意）{opinion.strip()}\n{old.content}",
            complainant_name=old.complainant_name, complainant_phone=old.complainant_phone,
            household_id=old.household_id, category=old.category, expectation=old.expectation,
            hq_ref=old.hq_ref, unit_text=old.unit_text)
        Complaint.objects.filter(pk=new.pk).update(reopened_from=old)
        new.reopened_from = old
        event_write(complaint=old, kind="reopened", user=user, from_status=before, to_status=old.status,
                    note=opinion.strip(), data={"new_number": new.number})
        duty_log_write(complaint=old, user=user, text=f"客户不满意，转新投诉 {new.number}",
                       result=f"客户不满意：{opinion.strip()}", at=timezone.now())
    return new
