"""The page-shaped reads the complaint pages need, kept to plain filters over the complaints module's
models (no rule is decided here: overdue is the module's own `step_overdue` flag or a passed due time,
as in `selectors.complaint_snapshot`)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.validators import normalize_phone
from modules.complaints.models import OPEN_STATUSES, Complaint


def complaint_get(*, complaint_id: int) -> Complaint | None:
    """The complaint in this office's schema (the membership gate already checked the office)."""
    return (Complaint.objects.select_related("household__unit__building", "reopened_from")
            .filter(pk=complaint_id).first())


def complaint_queue(*, status: str | None = None, classification: str | None = None,
                    building_id: int | None = None, assignee_id: int | None = None,
                    overdue: bool = False, due_today: bool = False) -> QuerySet[Complaint]:
    """Open complaints (or those of `status`), soonest deadline first, those without one last."""
    qs = Complaint.objects.select_related("household__unit__building")
    qs = qs.filter(status=status) if status else qs.filter(status__in=OPEN_STATUSES)
    if classification:
        qs = qs.filter(classification=classification)
    if building_id:
        qs = qs.filter(household__unit__building_id=building_id)
    if assignee_id:
        qs = qs.filter(assignee_id=assignee_id)
    now = timezone.now()
    if overdue:
        qs = qs.filter(Q(step_overdue=True) | Q(due_at__lt=now))
    if due_today:
        start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
        qs = qs.filter(due_at__gte=start, due_at__lt=start + timedelta(days=1))
    return qs.order_by(_nulls_last("due_at"), "received_at", "id")


def _nulls_last(field: str):
    from django.db.models import F

    return F(field).asc(nulls_last=True)


def complaint_by_number_and_phone(*, number: str, phone: str) -> Complaint | None:
    """The residents' status page: both the number and the phone given at registration must match."""
    return Complaint.objects.filter(number__iexact=number.strip(),
                                    complainant_phone=normalize_phone(phone)).first()


def complaint_received_between(*, since: datetime, until: datetime) -> QuerySet[Complaint]:
    """C-19: the records of a period, for the director's spot checks."""
    return (Complaint.objects.filter(received_at__gte=since, received_at__lt=until)
            .prefetch_related("spot_checks").order_by("received_at", "id"))
