"""Taking a complaint in hand: assignment (C-04), classification and its deadlines (C-05..C-09),
notes (C-15)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.errors import ValidationFailed
from core.permissions import has_perm
from modules.complaints import deadlines
from modules.complaints.models import (
    ASSISTED,
    CLASSIFICATIONS,
    INVALID,
    STEP_EXPLAIN,
    STEP_REFERRAL,
    STEP_REPLY,
    VALID,
    Complaint,
)
from modules.complaints.services._common import (
    actor_name,
    complaint_lock,
    current_office,
    event_write,
    people_notify,
    step_done,
    step_set,
    transition_check,
)


def _member(*, user_id: int):
    from tenants.models import Membership

    return (Membership.objects.select_related("user")
            .filter(tenant_id=current_office().pk, user_id=user_id, is_active=True).first())


def complaint_assign(*, user, complaint_id: int, assignee_id: int, note: str = "") -> Complaint:
    """C-04: hand the complaint to the duty officer or a CS staff member (someone who may handle it)."""
    member = _member(user_id=assignee_id)
    if member is None or not has_perm(member.role, "complaints.handle"):
        raise ValidationFailed("处理人须是本管理处可处理投诉的人员。", fields={"assignee_id": ["不能交给此人"]})
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        before = complaint.status
        complaint.status = transition_check(complaint=complaint, action="assign")
        complaint.assignee_id, complaint.assignee_name = assignee_id, actor_name(member.user)
        complaint.assignee_role = member.role
        complaint.save()
        event_write(complaint=complaint, kind="assigned", user=user, from_status=before,
                    to_status=complaint.status, note=note, data={"assignee": complaint.assignee_name})
        people_notify(complaint=complaint, title="交给您处理", user_ids=[assignee_id])
    return complaint


def reply_due_for(*, complaint: Complaint, classification: str, urgent: bool,
                  agreed_at: datetime | None) -> tuple[str, datetime]:
    """The step and deadline a classification sets. C-06 urgency; C-07 valid (the agreed time replaces
    the limit); C-08 assisted: written referral first, by the C-06 time; C-09 invalid: explanation
    within N hours of receipt."""
    sla = complaint.sla
    if classification == INVALID:
        return STEP_EXPLAIN, deadlines.invalid_explain_due(received_at=complaint.received_at, sla=sla)
    if classification == ASSISTED:
        return STEP_REFERRAL, deadlines.reply_due(received_at=complaint.received_at, urgent=urgent, sla=sla)
    return STEP_REPLY, deadlines.valid_reply_due(received_at=complaint.received_at, urgent=urgent,
                                                 agreed_at=agreed_at, requested_at=complaint.requested_reply_at,
                                                 sla=sla)


def complaint_classify(*, user, complaint_id: int, classification: str, urgent: bool = False,
                       serious: bool = False, agreed_reply_at: datetime | None = None,
                       note: str = "", staff_id: int | None = None, praise: bool = False) -> Complaint:
    """C-05: valid / assisted / invalid, with urgency and seriousness (C-06). Under the row lock, the
    same classification sent again (a double click, ten identical calls at once) changes nothing and
    records nothing; a real change is a correction (C-15): a "reclassified" event naming what it
    replaces, the deadline recomputed from the same receipt time. A valid complaint naming a staff member
    (`staff_id`) proposes an assessment deduction for them, once (C-20, A-04: modules.assessment.hooks); a
    record marked as a resident's praise (`praise`) proposes the praise points for the person named instead."""
    now = classify_input_check(classification=classification, agreed_reply_at=agreed_reply_at)
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        classify_locked(complaint=complaint, user=user, classification=classification, urgent=urgent,
                        serious=serious, agreed_reply_at=agreed_reply_at, note=note, now=now)
        if staff_id and (praise or classification == VALID):
            from modules.assessment.hooks import proposal_from_complaint

            proposal_from_complaint(complaint=complaint, staff_id=staff_id, user=user, praise=praise)  # C-20, A-04
    return complaint


def classify_input_check(*, classification: str, agreed_reply_at: datetime | None) -> datetime:
    """The input of a classification, checked before any row is locked; returns the moment it is made."""
    if classification not in dict(CLASSIFICATIONS):
        raise ValidationFailed("分类无效。", fields={"classification": ["请选择有效、协助处理或无效"]})
    now = timezone.now()
    if agreed_reply_at is not None and agreed_reply_at <= now:
        raise ValidationFailed("约定回复时间应晚于现在。", fields={"agreed_reply_at": ["约定时间已过"]})
    return now


def classify_locked(*, complaint: Complaint, user, classification: str, urgent: bool, serious: bool,
                    agreed_reply_at: datetime | None, note: str, now: datetime) -> bool:
    """C-05 on a complaint row the caller has locked (one complaint, or each of an incident's, C-10).
    False when it was already classified exactly so (nothing written)."""
    before = complaint.status
    complaint.status = transition_check(complaint=complaint, action="classify")
    previous = _classification_of(complaint)
    if previous == (classification, urgent, serious, agreed_reply_at):
        return False  # C-05/C-15: the same classification again is one event, not two
    complaint.classification, complaint.urgent, complaint.serious = classification, urgent, serious
    complaint.agreed_reply_at = agreed_reply_at
    step, due = reply_due_for(complaint=complaint, classification=classification, urgent=urgent,
                              agreed_at=agreed_reply_at)
    complaint.reply_due_at = due
    step_done(complaint=complaint, now=now)
    if complaint.next_step not in _COLLECTIVE_STEPS:
        step_set(complaint=complaint, step=step, due_at=due)
    complaint.save()
    data = {"classification": classification, "urgent": urgent, "serious": serious, "due_at": due.isoformat()}
    if previous is not None:
        data["replaces"] = {"classification": previous[0], "urgent": previous[1], "serious": previous[2]}
    event_write(complaint=complaint, kind="reclassified" if previous else "classified", user=user,
                from_status=before, to_status=complaint.status, note=note, data=data)
    return True


def _classification_of(complaint: Complaint) -> tuple | None:
    """What the complaint was classified as (None before its first classification)."""
    if not complaint.classification:
        return None
    return (complaint.classification, complaint.urgent, complaint.serious, complaint.agreed_reply_at)


_COLLECTIVE_STEPS = ("report_director", "notify_hq")


def complaint_note(*, user, complaint_id: int, text: str) -> Complaint:
    """C-15: a remark or a correction, added to the history; nothing is edited in place."""
    if not (text or "").strip():
        raise ValidationFailed("备注不能为空。", fields={"text": ["请填写内容"]})
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        transition_check(complaint=complaint, action="note")
        event_write(complaint=complaint, kind="note", user=user, from_status=complaint.status, note=text.strip())
    return complaint


def _category_codes() -> dict[str, str]:
    from modules.catalog.selectors import setting_value

    return {str(row[0]): str(row[1]) for row in setting_value("complaint.categories")}


def complaint_category_correct(*, complaint: Complaint | int, category: str, reason: str, by) -> Complaint:
    """C-02/C-15 (issue 9 §3.5): the category taken down at registration was wrong. Corrected while the
    complaint is not closed, to a category of the group's list in force now, with a reason; the old and
    the new category are kept in a "category_corrected" event (nothing edited without a trace).
    `complaint`: the complaint or its id; `by`: the user correcting it."""
    complaint_id = complaint if isinstance(complaint, int) else complaint.pk
    category, reason = (category or "").strip(), (reason or "").strip()
    errors: dict[str, list[str]] = {}
    labels = _category_codes()
    if category not in labels:
        errors["category"] = ["类别不在集团投诉类别列表中"]
    if not reason:
        errors["reason"] = ["请填写更正原因"]
    if errors:
        raise ValidationFailed("更正类别的信息有误。", fields=errors)
    with transaction.atomic():
        row = complaint_lock(complaint_id=complaint_id)
        transition_check(complaint=row, action="category_correct")
        if row.category == category:
            raise ValidationFailed("新类别与当前类别相同。", fields={"category": ["与当前类别相同"]})
        before = row.category
        row.category = category
        row.save(update_fields=["category"])
        event_write(complaint=row, kind="category_corrected", user=by, from_status=row.status,
                    note=f"{labels.get(before, before)} → {labels[category]}：{reason}",
                    data={"from": before, "to": category, "reason": reason})
    return row
