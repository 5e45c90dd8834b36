"""Escalated cases (C-10, C-11): what the office sent, mirrored in the hq schema.

Called by tenants/bridge.py with the connection already in the hq schema, inside its transaction."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.errors import NotFound, ValidationFailed
from modules.hq.models import HqCase, HqCaseEvent

REQUIRED_KEYS = ("office_complaint_id", "number", "status", "received_at")
HQ_INSTRUCTION = "hq_instruction"


def parse_moment(value) -> datetime | None:
    """An ISO string (or datetime) from a snapshot → aware datetime; empty → None."""
    if not value:
        return None
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        raise ValidationFailed("快照时间格式错误。", fields={"snapshot": [f"无法解析时间 {value!r}"]})
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _check_snapshot(snapshot: dict) -> None:
    missing = [key for key in REQUIRED_KEYS if not isinstance(snapshot, dict) or snapshot.get(key) in (None, "")]
    if missing:
        raise ValidationFailed("投诉快照不完整。", fields={"snapshot": [f"缺少 {', '.join(missing)}"]})


def case_key_for(*, office_id: int, snapshot: dict) -> tuple[str, str]:
    """The matter an escalated office complaint belongs to, and head office's number when it is one of
    head office's own complaints (C-16): (case key, ZB number or ""). A complaint head office forwarded
    (hq_ref) belongs to that head-office complaint, whichever office escalated it or carried it on (C-13);
    a complaint of a collective incident (C-10) to the incident; any other to itself."""
    from modules.hq.models import HqComplaint
    from modules.hq.services.complaints import hq_complaint_by_ref

    lookup = hq_complaint_by_ref(str(snapshot.get("hq_ref") or ""))
    found = HqComplaint.objects.filter(**lookup).values_list("pk", "number").first() if lookup else None
    if found:
        return f"hq:{found[0]}", found[1]
    if snapshot.get("incident_id"):
        return f"incident:{office_id}:{snapshot['incident_id']}", ""
    return f"complaint:{office_id}:{snapshot['office_complaint_id']}", ""


def _apply_snapshot(case: HqCase, snapshot: dict, now: datetime) -> None:
    case.case_key, case.hq_number = case_key_for(office_id=case.office_id, snapshot=snapshot)
    case.snapshot = snapshot
    case.number = str(snapshot["number"])[:32]
    case.status = str(snapshot["status"])[:32]
    case.status_label = str(snapshot.get("status_label") or "")[:64]
    case.collective = bool(snapshot.get("collective"))
    case.overdue = bool(snapshot.get("overdue"))
    case.due_at = parse_moment(snapshot.get("due_at"))
    case.completed_at = parse_moment(snapshot.get("completed_at"))
    case.received_at = parse_moment(snapshot["received_at"])
    case.synced_at = now


def event_key(event: dict) -> str:
    """A mirrored event's identity: its id when the office sends one, else (at, kind, actor, note)."""
    if event.get("id"):
        return f"office-{event['id']}"[:64]
    raw = "|".join(str(event.get(k, "")) for k in ("at", "kind", "actor", "note"))
    return hashlib.sha256(raw.encode()).hexdigest()


def _mirror_events(case: HqCase, events) -> None:
    """Append the office events not mirrored yet (idempotent). Head office writes its own
    instructions, so their echo from the office timeline is not mirrored twice."""
    rows = [
        HqCaseEvent(case=case, key=event_key(e), source=HqCaseEvent.OFFICE, at=parse_moment(e.get("at")),
                    kind=str(e.get("kind", ""))[:32], actor=str(e.get("actor", ""))[:64],
                    from_status=str(e.get("from", ""))[:32], to_status=str(e.get("to", ""))[:32],
                    note=str(e.get("note", "")))
        for e in events or [] if e.get("at") and e.get("kind") != HQ_INSTRUCTION
    ]
    HqCaseEvent.objects.bulk_create(rows, ignore_conflicts=True)


def _hq_event(*, case: HqCase, kind: str, actor: str, note: str, at: datetime) -> HqCaseEvent:
    return HqCaseEvent.objects.create(case=case, key=f"hq-{uuid.uuid4().hex}", source=HqCaseEvent.HQ,
                                      at=at, kind=kind, actor=actor[:64], note=note)


def case_receive(*, office, snapshot: dict, reason: str, by_name: str) -> HqCase:
    """C-10/C-11: an escalation arrives. One case per office complaint; a second escalation of the same
    complaint refreshes it and adds a new "received" line (who, when, why)."""
    _check_snapshot(snapshot)
    if not (reason or "").strip():
        raise ValidationFailed("请填写上报原因。", fields={"reason": ["必填"]})
    now = timezone.now()
    case = (HqCase.objects.select_for_update()
            .filter(office_id=office.pk, office_complaint_id=snapshot["office_complaint_id"]).first())
    if case is None:
        case = HqCase(office_id=office.pk, office_complaint_id=snapshot["office_complaint_id"])
    case.office_slug, case.office_name = office.slug, office.name
    case.escalated_at, case.reason, case.escalated_by = now, reason.strip(), (by_name or "")[:64]
    _apply_snapshot(case, snapshot, now)
    case.save()
    _mirror_events(case, snapshot.get("events"))
    _hq_event(case=case, kind="hq_received", actor=case.escalated_by, note=case.reason, at=now)
    return case


def case_sync(*, office, snapshot: dict) -> HqCase | None:
    """The office's latest snapshot of an escalated complaint: status and new timeline lines.
    A complaint that was never escalated has no case: nothing to do."""
    if not isinstance(snapshot, dict) or not snapshot.get("office_complaint_id"):
        raise ValidationFailed("投诉快照不完整。", fields={"snapshot": ["缺少 office_complaint_id"]})
    case = (HqCase.objects.select_for_update()
            .filter(office_id=office.pk, office_complaint_id=snapshot["office_complaint_id"]).first())
    if case is None:
        return None
    _check_snapshot(snapshot)
    _apply_snapshot(case, snapshot, timezone.now())
    case.save()
    _mirror_events(case, snapshot.get("events"))
    return case


def case_instruction_record(*, case_id: int, text: str, by_name: str) -> HqCase:
    """C-11: the complaint center instructs the office on an escalated case (hq timeline line)."""
    if not (text or "").strip():
        raise ValidationFailed("请填写指示内容。", fields={"text": ["必填"]})
    case = HqCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound("没有这个案件。")
    _hq_event(case=case, kind=HQ_INSTRUCTION, actor=by_name, note=text.strip(), at=timezone.now())
    return case


def case_assign_record(*, case_id: int, assignee, opinion: str, by_name: str) -> HqCase:
    """C-11/R-02 (seed 003 §5.1 管理者代表负责对各部门未能处理的顾客投诉提出处理意见，亲自或指派品质管理部
    经理处理): the management representative's handling opinion and the quality-department manager
    (`assignee`, a user checked by the caller) who handles the case; a new assignment is a new line."""
    if not (opinion or "").strip():
        raise ValidationFailed("请填写处理意见。", fields={"opinion": ["必填"]})
    case = HqCase.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound("没有这个案件。")
    now = timezone.now()
    name = (getattr(assignee, "display_name", "") or assignee.get_username())[:64]
    case.assignee_id, case.assignee_name, case.assigned_at, case.assigned_by = assignee.pk, name, now, by_name[:64]
    case.save(update_fields=["assignee_id", "assignee_name", "assigned_at", "assigned_by"])
    _hq_event(case=case, kind="hq_assigned", actor=by_name, note=f"指派{name}处理：{opinion.strip()}", at=now)
    return case


def case_notify_assignee(*, case: HqCase, assignee, hq) -> None:
    """C-11: the quality-department manager learns the case is theirs (in-app and e-mail)."""
    from core.notifications.services import notification_send

    notification_send(users=[assignee], tenant=hq, title=f"管理者代表指派您处理：{case.office_name} {case.number}",
                      body=case.reason, url=reverse("hq:case", args=[case.pk], urlconf="core.urls.hq"),
                      dedupe_key=f"{hq.schema_name}:case:{case.pk}:assigned@{int(case.assigned_at.timestamp())}")


def case_notify_agents(*, case: HqCase, hq) -> None:
    """Tell the complaint-center agents a case arrived (in-app, and e-mail through the outbox)."""
    from core.notifications.services import notification_send
    from core.permissions import HQ_AGENT
    from tenants.models import User

    agents = User.objects.filter(memberships__tenant=hq, memberships__role=HQ_AGENT,
                                 memberships__is_active=True, is_active=True)
    kind = "集体投诉" if case.collective else "投诉"
    notification_send(users=agents, tenant=hq, title=f"{case.office_name}上报{kind} {case.number}",
                      body=case.reason, url=reverse("hq:case", args=[case.pk], urlconf="core.urls.hq"))


def case_notify_deputy_gm(*, case: HqCase, hq) -> None:
    """C-10: a collective complaint also goes to the deputy general manager (in-app and e-mail),
    once per case."""
    from core.notifications.services import notification_send
    from core.permissions import HQ_DEPUTY_GM
    from tenants.models import User

    deputies = User.objects.filter(memberships__tenant=hq, memberships__role=HQ_DEPUTY_GM,
                                   memberships__is_active=True, is_active=True)
    notification_send(users=deputies, tenant=hq, title=f"{case.office_name}集体投诉 {case.number}",
                      body=case.reason, url=reverse("hq:case", args=[case.pk], urlconf="core.urls.hq"),
                      dedupe_key=f"{hq.schema_name}:case:{case.pk}:collective")
