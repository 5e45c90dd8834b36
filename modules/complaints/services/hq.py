"""The head-office side of an office complaint (C-11, C-16), through tenants.bridge only."""

from __future__ import annotations

from modules.complaints.models import Complaint
from modules.complaints.selectors import complaint_snapshot
from modules.complaints.services._common import current_office


def complaint_sync_to_hq(*, complaint_id: int) -> None:
    """C-16: push the live status and timeline of an escalated complaint to its hq case."""
    from tenants import bridge

    complaint = Complaint.objects.select_related("household__unit__building", "incident").filter(
        pk=complaint_id).first()
    if complaint is None or not complaint.hq_case_id:
        return
    bridge.complaint_sync_to_hq(office=current_office(), snapshot=complaint_snapshot(complaint))
