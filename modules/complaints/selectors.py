"""Every read of complaints (DESIGN.md convention 1)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from core.calendar import local
from core.errors import NotFound
from modules.complaints.models import OPEN_STATUSES, Complaint, Incident, Referral


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


def complaint_list(*, status: str = "", classification: str = "", overdue: bool | None = None,
                   due_today: bool = False, building_id: int | None = None, assignee_id: int | None = None,
                   collective: bool | None = None, now=None) -> QuerySet[Complaint]:
    """Complaints of this office, the next deadline first (C-17); joins fixed, so one query per page."""
    now = now or timezone.now()
    qs = Complaint.objects.select_related("household__unit__building", "incident")
    if status:
        qs = qs.filter(status=status)
    if classification:
        qs = qs.filter(classification=classification)
    if overdue is not None:
        late = Q(step_overdue=True) | Q(due_at__lt=now, status__in=OPEN_STATUSES)
        qs = qs.filter(late) if overdue else qs.exclude(late)
    if due_today:
        day = local(now).date()
        qs = qs.filter(status__in=OPEN_STATUSES, due_at__date=day)
    if building_id:
        qs = qs.filter(household__unit__building_id=building_id)
    if assignee_id:
        qs = qs.filter(assignee_id=assignee_id)
    if collective is not None:
        qs = qs.filter(collective=collective)
    return qs.order_by(F("due_at").asc(nulls_last=True), "-received_at", "id")


def complaint_get(*, pk: int) -> Complaint:
    """One complaint of this office with its history, replies, referrals and spot checks; 404 else."""
    complaint = (Complaint.objects.select_related("household__unit__building", "incident", "reopened_from")
                 .prefetch_related("events", "replies__signature", "referrals", "spot_checks", "attachments",
                                   "reopened_as")
                 .filter(pk=pk).first())
    if complaint is None:
        raise NotFound("没有这条投诉。")
    return complaint


def complaints_for_spot_check(*, start: date, end: date) -> QuerySet[Complaint]:
    """C-19: complaints received in [start, end] (local dates), for the director to pick and check."""
    return (complaint_list().filter(received_at__date__gte=start, received_at__date__lte=end)
            .prefetch_related("spot_checks").order_by("received_at", "id"))


def incident_list() -> QuerySet[Incident]:
    return Incident.objects.annotate(
        households=Count("complaints__household", distinct=True), complaint_count=Count("complaints"))


def on_time_rate(*, start: date, end: date) -> dict:
    """C-17: of the complaints received in the period, how many never missed a deadline."""
    qs = Complaint.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
    total = qs.count()
    late = qs.filter(overdue_at__isnull=False).count()
    return {"total": total, "late": late, "on_time": total - late,
            "rate": round((total - late) / total, 4) if total else None}


def referral_get(*, pk: int) -> Referral:
    referral = Referral.objects.select_related("complaint").filter(pk=pk).first()
    if referral is None:
        raise NotFound("没有这份转交函。")
    return referral
