"""The one read the public status page needs beyond `services.complaint_status_lookup`: the complaint
itself, to show its public timeline. Same match as the lookup: number and registration phone."""

from __future__ import annotations

from core.validators import normalize_phone
from modules.complaints.models import Complaint


def complaint_by_number_and_phone(*, number: str, phone: str) -> Complaint | None:
    return (Complaint.objects.filter(number=(number or "").strip().upper(),
                                     complainant_phone=normalize_phone(phone or ""))
            .prefetch_related("events").first())
