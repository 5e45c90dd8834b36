"""Spot checks by the office director (C-19)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.errors import ValidationFailed
from modules.complaints.models import SpotCheck
from modules.complaints.services._common import actor_name, complaint_lock, event_write, transition_check


def complaint_spot_check(*, user, complaint_id: int, finding: str, satisfied: bool | None = None) -> SpotCheck:
    """C-19: the director checked this record (and, when visiting the complainant, their satisfaction)."""
    if not (finding or "").strip():
        raise ValidationFailed("请填写抽查意见。", fields={"finding": ["请填写抽查意见"]})
    with transaction.atomic():
        complaint = complaint_lock(complaint_id=complaint_id)
        transition_check(complaint=complaint, action="spot_check")
        check = SpotCheck.objects.create(complaint=complaint, at=timezone.now(), by_id=getattr(user, "pk", None),
                                         by_name=actor_name(user), finding=finding.strip(), satisfied=satisfied)
        event_write(complaint=complaint, kind="spot_checked", user=user, from_status=complaint.status,
                    note=finding.strip(), data={"satisfied": satisfied})
    return check
