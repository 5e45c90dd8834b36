"""Working a whole incident at once (C-10, issue 9 §3.6): classify every complaint of the incident, and
record the home-visit reply for all of them, in one step.

Each complaint still goes through its own transition, gets its own event (and reply row, duty-log
line), exactly as when it is worked alone; the shared helpers `classify_locked` and `reply_locked`
do that work. All of it is one transaction: when one complaint cannot take the step, nothing is
written and the error names that complaint by its number.

Lock order, as everywhere in this module (services/collective.py): the incident's open complaint rows
first, in one fixed order (received_at, id), then the incident row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError, NotAllowedNow, ValidationFailed
from modules.complaints.models import Complaint, Incident
from modules.complaints.rules import reply_needs_letter
from modules.complaints.services.collective import _incident_lock, _open_complaints
from modules.complaints.services.handling import classify_input_check, classify_locked
from modules.complaints.services.reply import reply_locked, reply_signature

T = TypeVar("T")


def _members(incident_id: int) -> tuple[list[Complaint], Incident]:
    """The incident's open complaints (locked, fixed order), then the incident (locked); 404/409 else."""
    complaints = _open_complaints(incident_id)  # complaints first, then the incident
    incident = _incident_lock(incident_id)
    if not complaints:
        raise NotAllowedNow("这一事件没有未结案的投诉。", code="incident_no_open_complaints")
    return complaints, incident


def _named(complaint: Complaint, work: Callable[[], T]) -> T:
    """Run one complaint's part; its refusal is raised again naming the complaint, which rolls back
    everything the step has written for the other complaints."""
    try:
        return work()
    except ApplicationError as exc:
        prefix = f"{complaint.number}："
        fields = {name: [prefix + str(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
                  for name, msgs in (exc.fields or {}).items()}
        named = type(exc)(prefix + exc.message, code=exc.code, fields=fields, status=exc.status)
        named.complaint_number = complaint.number
        raise named from exc


def incident_classify(*, user, incident_id: int, classification: str, urgent: bool = False,
                      serious: bool = False, agreed_reply_at: datetime | None = None,
                      note: str = "") -> Incident:
    """C-05/C-10: the same classification (urgency, seriousness, agreed reply time) for every open
    complaint of the incident; each gets its own "classified" (or "reclassified") event and deadline.
    A complaint already classified exactly so is left as it is (no second event)."""
    now = classify_input_check(classification=classification, agreed_reply_at=agreed_reply_at)
    with transaction.atomic():
        complaints, incident = _members(incident_id)
        for complaint in complaints:
            _named(complaint, lambda c=complaint: classify_locked(
                complaint=c, user=user, classification=classification, urgent=urgent, serious=serious,
                agreed_reply_at=agreed_reply_at, note=note, now=now))
    return incident


def incident_reply(*, user, incident_id: int, opinion: str = "", satisfied: bool | None = None,
                   replied_at: datetime | None = None, signature_data_url: str = "",
                   signature_scan: UploadedFile | None = None, letter_text: str = "") -> Incident:
    """C-10/C-12: the home visit 上门拜访 that answered the incident's customers, recorded once for
    every open complaint: one reply row, "replied" event and duty-log line per complaint, all carrying
    the same signed visit record 客户访问记录表. The letter (C-12) goes only to the complaints made in
    writing that still owe one; when one of them needs it and it is missing, nothing is written."""
    now = timezone.now()
    replied_at = replied_at or now
    if replied_at > now:
        raise ValidationFailed("回复时间不能晚于现在。", fields={"replied_at": ["时间不对"]})
    if not signature_data_url and signature_scan is None:
        raise ValidationFailed("上门拜访须有客户在访问记录表上的签名。", fields={"signature": ["缺少客户签名"]})
    with transaction.atomic():
        complaints, incident = _members(incident_id)
        signature = reply_signature(user=user, signature_data_url=signature_data_url,
                                    signature_scan=signature_scan)
        for complaint in complaints:
            letter = letter_text if reply_needs_letter(complaint) else ""
            _named(complaint, lambda c=complaint, letter=letter: reply_locked(
                complaint=c, user=user, method="home_visit", opinion=opinion, satisfied=satisfied,
                replied_at=replied_at, signature=signature, letter_text=letter))
    return incident
