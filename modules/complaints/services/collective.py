"""Collective complaints 集体投诉 (C-10): complaints about one matter linked to an Incident; from
`collective_households` distinct households on, the incident is collective and two reporting steps
follow, the second through the bridge to head office. Reply is by home visit (C-12).

Lock order, everywhere in this module and in every other complaint path: the complaint rows first
(ordered by received_at, id), then the incident, so two writers never wait on each other in a ring."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from core.errors import Forbidden, NotAllowedNow, NotFound, ValidationFailed
from core.permissions import has_perm
from core.validators import normalize_phone
from modules.complaints import deadlines
from modules.complaints.models import (
    ASSISTED,
    INVALID,
    OPEN_STATUSES,
    STEP_CLASSIFY,
    STEP_EXPLAIN,
    STEP_NOTIFY_HQ,
    STEP_PROGRESS,
    STEP_REFERRAL,
    STEP_REPLY,
    STEP_REPORT_DIRECTOR,
    Complaint,
    Incident,
)
from modules.complaints.rules import (
    incident_needs_director_report,
    incident_needs_hq_notice,
    precondition_check,
)
from modules.complaints.selectors import complaint_snapshot
from modules.complaints.services._common import (
    actor_name,
    complaint_lock,
    current_office,
    event_write,
    step_done,
    step_set,
    transition_check,
)
from modules.complaints.services.hq import role_in_office

_UNIT_NOISE = re.compile(r"[\s\-_#/.,、，。－—（）()]+")


def _unit_key(unit_text: str) -> str:
    return _UNIT_NOISE.sub("", unit_text or "").casefold()


def _households(incident: Incident) -> int:
    """C-10 counts households. A complaint with a household counts that household. A complaint
    without one (online channel, unit typed by the resident) counts as the household of its unit
    text, normalised (case, spaces and separators dropped: "3栋 502" = "3栋502"), or of its phone
    when no unit was typed. Our choice where the rule book is silent: such a unit is counted apart
    from the registered households (we cannot tell that "3栋502" typed online is household #17), so
    a resident who complains both online and at the desk may count twice."""
    keys = set()
    for household_id, unit_text, phone in incident.complaints.values_list("household_id", "unit_text",
                                                                         "complainant_phone"):
        if household_id is not None:
            keys.add(("household", household_id))
        elif _unit_key(unit_text):
            keys.add(("unit", _unit_key(unit_text)))
        else:
            keys.add(("phone", normalize_phone(phone or "")))
    return len(keys)


def _incident_lock(incident_id: int) -> Incident:
    incident = Incident.objects.select_for_update().filter(pk=incident_id).first()
    if incident is None:
        raise NotFound("没有这一事件。")
    return incident


def complaint_link_incident(*, user, complaint_id: int, incident_id: int | None = None,
                            title: str = "") -> Incident:
    """C-10: this complaint is about the same matter as others (a new incident when none is given)."""
    if incident_id is None and not (title or "").strip():
        raise ValidationFailed("请选择事件或填写事件名称。", fields={"title": ["请填写事件名称"]})
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)  # complaint first, then the incident
        transition_check(complaint=complaint, action="link_incident")
        precondition_check(complaint=complaint, action="link_incident")
        if incident_id is None:
            incident = Incident.objects.create(title=title.strip()[:200], created_by_name=actor_name(user))
        else:
            _open_complaints(incident_id)
            incident = _incident_lock(incident_id)
        complaint.incident = incident
        complaint.save(update_fields=["incident"])
        event_write(complaint=complaint, kind="linked_incident", user=user, from_status=complaint.status,
                    note=incident.title, data={"incident_id": incident.pk})
        _maybe_collective(incident=incident, sla=complaint.sla, user=user)
        if incident.collective and not complaint.collective:
            _make_collective(complaint=complaint, incident=incident, user=user)
    return incident


def _maybe_collective(*, incident: Incident, sla: dict, user) -> None:
    if incident.collective or _households(incident) < sla["collective_households"]:
        return
    incident.collective, incident.collective_at = True, timezone.now()
    incident.save(update_fields=["collective", "collective_at"])
    for complaint in _open_complaints(incident.pk):
        _make_collective(complaint=complaint, incident=incident, user=user)
    _directors_notify(incident=incident)


def _directors_notify(*, incident: Incident) -> None:
    """C-10: the duty director(s) and the office director hear of a collective complaint at once, so
    the two-hour reports can be made; once per incident (dedupe key)."""
    from core.notifications.services import notification_send
    from core.permissions import DUTY_DIRECTOR, OFFICE_DIRECTOR
    from tenants.models import Membership

    office = current_office()
    members = Membership.objects.filter(tenant=office, is_active=True, user__is_active=True,
                                        role__in=[DUTY_DIRECTOR, OFFICE_DIRECTOR]).select_related("user")
    notification_send(users=[m.user for m in members], tenant=office,
                      title=f"集体投诉：{incident.title}（{_households(incident)} 户）", body=incident.title,
                      url=f"/complaints/incidents/{incident.pk}/",
                      dedupe_key=f"{office.schema_name}:incident:{incident.pk}:collective")


def _make_collective(*, complaint: Complaint, incident: Incident, user) -> None:
    complaint.collective = True
    if incident.director_reported_at is None:
        step_set(complaint=complaint, step=STEP_REPORT_DIRECTOR, due_at=deadlines.collective_report_director_due(
            collective_at=incident.collective_at, sla=complaint.sla))
    elif incident.hq_notified_at is None:
        step_set(complaint=complaint, step=STEP_NOTIFY_HQ, due_at=deadlines.collective_notify_hq_due(
            director_reported_at=incident.director_reported_at, sla=complaint.sla))
    complaint.save()
    event_write(complaint=complaint, kind="collective", user=user, from_status=complaint.status,
                note=f"{_households(incident)} 户", data={"incident_id": incident.pk})


def incident_report_director(*, user, incident_id: int, note: str = "") -> Incident:
    """C-10 step 1: the duty officer reported the collective complaint to the office director."""
    with transaction.atomic():
        complaints = _open_complaints(incident_id)  # complaints first, then the incident
        incident = _incident_lock(incident_id)
        if not incident_needs_director_report(incident):
            raise NotAllowedNow("该事件不需要（或已经）报告主任。", code="report_director_not_allowed")
        now = timezone.now()
        incident.director_reported_at, incident.director_reported_by = now, actor_name(user)
        incident.save(update_fields=["director_reported_at", "director_reported_by"])
        for complaint in complaints:
            step_done(complaint=complaint, now=now)
            step_set(complaint=complaint, step=STEP_NOTIFY_HQ, due_at=deadlines.collective_notify_hq_due(
                director_reported_at=now, sla=complaint.sla))
            complaint.save()
            event_write(complaint=complaint, kind="collective_reported_director", user=user,
                        from_status=complaint.status, note=note)
    return incident


def incident_notify_hq(*, user, incident_id: int, note: str = "") -> Incident:
    """C-10 step 2: the office director notified the deputy GM and the head-office complaint center
    (bridge.complaint_escalate_to_hq, with the incident's first complaint as the case)."""
    if not has_perm(role_in_office(user=user), "complaints.escalate_hq"):
        raise Forbidden("只有管理处主任可以报总部。", code="escalate_forbidden")
    with transaction.atomic():
        complaints = _open_complaints(incident_id)  # complaints first, then the incident
        incident = _incident_lock(incident_id)
        if not incident_needs_hq_notice(incident):
            raise NotAllowedNow("须先报主任，且只报总部一次。", code="notify_hq_not_allowed")
        now = timezone.now()
        incident.hq_notified_at, incident.hq_notified_by = now, actor_name(user)
        for complaint in complaints:
            step_done(complaint=complaint, now=now)
            step_after_collective(complaint=complaint)
            complaint.save()
            event_write(complaint=complaint, kind="collective_notified_hq", user=user,
                        from_status=complaint.status, note=note)
        if complaints:
            incident.hq_case_id = _escalate_lead(complaint=complaints[0], incident=incident, user=user, note=note)
        incident.save()
    return incident


def _open_complaints(incident_id: int) -> list[Complaint]:
    """The incident's open complaints, locked in one fixed order (received_at, id)."""
    return list(Complaint.objects.select_for_update().filter(incident_id=incident_id, status__in=OPEN_STATUSES)
                .order_by("received_at", "id"))


def _escalate_lead(*, complaint: Complaint, incident: Incident, user, note: str) -> int:
    from tenants import bridge

    reason = f"集体投诉：{incident.title}（{_households(incident)} 户）{note}".strip()
    case_id = bridge.complaint_escalate_to_hq(office=current_office(), snapshot=complaint_snapshot(complaint),
                                              reason=reason, by_name=actor_name(user))
    Complaint.objects.filter(pk=complaint.pk).update(hq_case_id=case_id, escalation_level="hq")
    return case_id


def step_after_collective(*, complaint: Complaint) -> None:
    """The collective steps are done: the complaint's own next step applies again."""
    if not complaint.classification:
        step_set(complaint=complaint, step=STEP_CLASSIFY, due_at=complaint.requested_reply_at or deadlines.reply_due(
            received_at=complaint.received_at, urgent=False, sla=complaint.sla))
    elif complaint.classification == ASSISTED:
        has_referral = complaint.referrals.exists()
        step_set(complaint=complaint, step=STEP_PROGRESS if has_referral else STEP_REFERRAL,
                 due_at=complaint.reply_due_at)
    else:
        step = STEP_EXPLAIN if complaint.classification == INVALID else STEP_REPLY
        step_set(complaint=complaint, step=step, due_at=complaint.reply_due_at)


def _incident_of(complaint_id: int) -> int:
    incident_id = Complaint.objects.filter(pk=complaint_id).values_list("incident_id", flat=True).first()
    if incident_id is None:
        raise NotAllowedNow("这条投诉不属于任何事件。", code="no_incident")
    return incident_id


def complaint_collective_report_director(*, user, complaint_id: int, note: str = "") -> Incident:
    """C-10 step 1, taken from one of the incident's complaints (the detail page)."""
    return incident_report_director(user=user, incident_id=_incident_of(complaint_id), note=note)


def complaint_collective_notify_hq(*, user, complaint_id: int, note: str = "") -> Incident:
    """C-10 step 2, taken from one of the incident's complaints (the detail page)."""
    return incident_notify_hq(user=user, incident_id=_incident_of(complaint_id), note=note)
