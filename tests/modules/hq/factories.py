"""Builders for head-office tests: an office complaint and its snapshot, an escalated case, an hq complaint."""

from __future__ import annotations

from django_tenants.utils import schema_context

from tests.modules.complaints.factories import register


def office_complaint(world, office, **overrides) -> tuple[int, dict]:
    """Register a complaint in `office`; return its id and the snapshot the office would send."""
    from modules.complaints.models import Complaint
    from modules.complaints.selectors import complaint_snapshot

    with schema_context(office.schema_name):
        complaint = register(world.users[(office.slug, "cs_staff")], **overrides)
        complaint = Complaint.objects.get(pk=complaint.pk)
        return complaint.pk, complaint_snapshot(complaint)


def escalate(world, office, *, collective: bool = False, reason: str = "管理处无法解决",
             **overrides) -> tuple[int, int]:
    """Escalate a new complaint of `office` to head office the way the complaints module does.
    Returns (hq case id, office complaint id)."""
    from tenants import bridge

    complaint_id, snapshot = office_complaint(world, office, **overrides)
    snapshot["collective"] = collective
    with schema_context(office.schema_name):
        case_id = bridge.complaint_escalate_to_hq(office=office, snapshot=snapshot, reason=reason,
                                                  by_name=f"{office.slug}主任")
    return case_id, complaint_id


def hq_complaint(world, **overrides):
    from modules.hq.services import hq_complaint_register

    data = {"channel": "hotline", "content": "小区门口垃圾堆放多日无人清理", "complainant_name": "李四",
            "complainant_phone": "13900139000", "unit_text": "3栋502"}
    data.update(overrides)
    with schema_context(world.hq.schema_name):
        return hq_complaint_register(user=world.users[("hq", "hq_agent")], **data)
