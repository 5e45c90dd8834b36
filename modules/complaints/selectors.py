"""Every read of complaints (DESIGN.md convention 1)."""

from __future__ import annotations

from django.utils import timezone

from modules.complaints.models import Complaint


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def complaint_unit(complaint: Complaint) -> str:
    if complaint.household_id:
        return str(complaint.household.unit)
    return complaint.unit_text


def complaint_snapshot(complaint: Complaint) -> dict:
    """What head office sees of an office complaint (the bridge carries it, C-11/C-16)."""
    incident = complaint.incident
    households = incident.complaints.exclude(household=None).values("household").distinct().count() \
        if incident else (1 if complaint.household_id else 0)
    return {
        "office_complaint_id": complaint.pk, "number": complaint.number, "status": complaint.status,
        "status_label": str(complaint.get_status_display()), "classification": complaint.classification,
        "urgent": complaint.urgent, "serious": complaint.serious, "collective": complaint.collective,
        "households": households, "category": complaint.category, "channel": complaint.channel,
        "content": complaint.content, "unit": complaint_unit(complaint),
        "complainant_name": complaint.complainant_name, "complainant_phone": complaint.complainant_phone,
        "received_at": _iso(complaint.received_at), "due_at": _iso(complaint.due_at),
        "next_step": complaint.next_step,
        "overdue": complaint.step_overdue or bool(complaint.due_at and timezone.now() > complaint.due_at),
        "hq_ref": complaint.hq_ref, "completed_at": _iso(complaint.completed_at),
        "events": [
            {"at": _iso(e.at), "kind": e.kind, "actor": e.actor_name, "from": e.from_status,
             "to": e.to_status, "note": e.note}
            for e in complaint.events.order_by("at", "id")
        ],
    }
