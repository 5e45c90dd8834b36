"""The escalation ladder (C-11) and the head-office side of an office complaint (C-16), through
tenants.bridge only."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.errors import Forbidden, NotAllowedNow, ValidationFailed
from core.permissions import has_perm
from modules.complaints.models import LEVEL_HQ, LEVEL_PERM, NEXT_LEVEL, Complaint
from modules.complaints.rules import precondition_check
from modules.complaints.selectors import complaint_snapshot
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
from modules.complaints.services.reply import follow_up_start


def role_in_office(*, user) -> str | None:
    from tenants.selectors import membership_get

    membership = membership_get(user=user, tenant=current_office())
    return membership.role if membership else None


def complaint_escalate(*, user, complaint_id: int, to_level: str, reason: str) -> Complaint:
    """C-11: CS staff → office director → head-office complaint center, one step at a time, each with
    who, when and why. Only the office director sends it to head office (complaints.escalate_hq)."""
    if to_level not in LEVEL_PERM:
        raise ValidationFailed("升级对象无效。", fields={"to_level": ["请选择管理处主任或总部投诉中心"]})
    if not (reason or "").strip():
        raise ValidationFailed("请填写升级原因。", fields={"reason": ["请填写原因"]})
    if not has_perm(role_in_office(user=user), LEVEL_PERM[to_level]):
        raise Forbidden("您的角色不能执行这一级升级。", code="escalate_forbidden")
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        transition_check(complaint=complaint, action="escalate")
        precondition_check(complaint=complaint, action="escalate")
        if NEXT_LEVEL.get(complaint.escalation_level) != to_level:
            raise NotAllowedNow("须逐级升级：客服 → 管理处主任 → 总部投诉中心。", code="escalation_out_of_order")
        before_level, complaint.escalation_level = complaint.escalation_level, to_level
        complaint.save()
        event_write(complaint=complaint, kind="escalated", user=user, from_status=complaint.status,
                    note=reason.strip(), data={"from_level": before_level, "to_level": to_level})
        if to_level == LEVEL_HQ:
            _send_to_hq(complaint=complaint, reason=reason.strip(), user=user)
        else:
            people_notify(complaint=complaint, title=f"升级至管理处主任：{reason.strip()}"[:150],
                          roles=("office_director",))
    return complaint


def _send_to_hq(*, complaint: Complaint, reason: str, user) -> None:
    from tenants import bridge

    case_id = bridge.complaint_escalate_to_hq(office=current_office(), snapshot=complaint_snapshot(complaint),
                                              reason=reason, by_name=actor_name(user))
    Complaint.objects.filter(pk=complaint.pk).update(hq_case_id=case_id)
    complaint.hq_case_id = case_id


def complaint_report_result(*, user, complaint_id: int, summary: str) -> Complaint:
    """C-16: the result of a complaint forwarded by head office goes back to it within
    `hq_result_report_hours` of completion (late counts against on-time, C-17)."""
    from tenants import bridge

    if not (summary or "").strip():
        raise ValidationFailed("请填写处理结果。", fields={"summary": ["请填写处理结果"]})
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        transition_check(complaint=complaint, action="report_result")
        precondition_check(complaint=complaint, action="report_result")
        now = timezone.now()
        if complaint.next_step == "report_result":
            step_done(complaint=complaint, now=now)
            if complaint.status == "closed":
                step_set(complaint=complaint, step="", due_at=None)
            else:  # C-14: following the customer up starts now
                follow_up_start(complaint=complaint, since=now)
        complaint.result_reported_at = now
        complaint.save()
        event_write(complaint=complaint, kind="result_reported", user=user, from_status=complaint.status,
                    note=summary.strip())
        bridge.complaint_result_to_hq(office=current_office(), snapshot=complaint_snapshot(complaint),
                                      summary=summary.strip(), by_name=actor_name(user))
    return complaint


def complaint_sync_to_hq(*, complaint_id: int) -> None:
    """C-16: push the live status and timeline of an escalated or forwarded complaint to head office."""
    from tenants import bridge

    complaint = Complaint.objects.select_related("household__unit__building", "incident").filter(
        pk=complaint_id).first()
    if complaint is None or not (complaint.hq_case_id or complaint.hq_ref):
        return
    bridge.complaint_sync_to_hq(office=current_office(), snapshot=complaint_snapshot(complaint))


def complaint_hq_ref_rename(*, old: str, new: str) -> int:
    """C-16: head office renamed its reference of a forwarded complaint (the "HQ-<id>" copies forwarded
    before head office numbered its complaints become its number, ZB-…). Every copy carrying `old` (the
    forwarded complaint and any complaint that carried it on, C-13) is renamed; returns how many.
    Called by tenants/bridge.py only, with the connection in this office's schema."""
    old, new = (old or "").strip(), (new or "").strip()[:64]
    if not old or not new or old.upper() == new.upper():
        return 0
    return Complaint.objects.filter(hq_ref__iexact=old).update(hq_ref=new)
