"""Assisted complaints 协助处理投诉 (C-08): the written referral and the progress updates."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.errors import ValidationFailed
from modules.complaints import deadlines
from modules.complaints.models import PARTY_KINDS, STEP_PROGRESS, Complaint, Referral
from modules.complaints.rules import precondition_check
from modules.complaints.services._common import (
    actor_name,
    complaint_lock,
    event_write,
    step_done,
    step_set,
    transition_check,
)


def _assisted(complaint: Complaint, action: str) -> str:
    to_status = transition_check(complaint=complaint, action=action)
    precondition_check(complaint=complaint, action=action)
    return to_status


def _progress_step(complaint: Complaint, now) -> None:
    if complaint.next_step not in ("report_director", "notify_hq"):
        step_done(complaint=complaint, now=now)
        step_set(complaint=complaint, step=STEP_PROGRESS,
                 due_at=deadlines.assisted_progress_due(since=now, sla=complaint.sla))


def complaint_referral_add(*, user, complaint_id: int, party_kind: str, party_name: str, text: str) -> Referral:
    """C-08: report it in writing to the developer, utility or government office (printable letter);
    from then on the customer hears of progress every `assisted_progress_working_days`."""
    errors = {}
    if party_kind not in dict(PARTY_KINDS):
        errors["party_kind"] = ["请选择责任方类型"]
    if not (party_name or "").strip():
        errors["party_name"] = ["请填写责任方"]
    if not (text or "").strip():
        errors["text"] = ["请填写函件内容"]
    if errors:
        raise ValidationFailed("转交信息有误。", fields=errors)
    now = timezone.now()
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        _assisted(complaint, "referral")
        referral = Referral.objects.create(complaint=complaint, party_kind=party_kind, party_name=party_name.strip(),
                                           text=text.strip(), at=now, by_id=getattr(user, "pk", None),
                                           by_name=actor_name(user))
        _progress_step(complaint, now)
        complaint.save()
        event_write(complaint=complaint, kind="referred", user=user, from_status=complaint.status,
                    note=f"{referral.get_party_kind_display()}：{referral.party_name}",
                    data={"referral_id": referral.pk})
    return referral


def complaint_progress_add(*, user, complaint_id: int, text: str) -> Complaint:
    """C-08: the customer was told of progress; the next update is due N working days later."""
    if not (text or "").strip():
        raise ValidationFailed("请填写告知内容。", fields={"text": ["请填写告知内容"]})
    now = timezone.now()
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        _assisted(complaint, "progress")
        _progress_step(complaint, now)
        complaint.save()
        event_write(complaint=complaint, kind="progress", user=user, from_status=complaint.status,
                    note=text.strip())
    return complaint
