"""Thin Celery tasks of complaints: load by id, call a service (DESIGN.md convention 2)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="modules.complaints.tasks.complaint_sync_hq")
def complaint_sync_hq(complaint_id: int) -> None:
    """C-16: after an event on an escalated complaint, head office gets its live status and timeline."""
    from modules.complaints.services import complaint_sync_to_hq

    complaint_sync_to_hq(complaint_id=complaint_id)

