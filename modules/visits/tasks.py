"""Thin Celery tasks of the visits module."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="modules.visits.tasks.visit_summaries_monthly")
def visit_summaries_monthly() -> dict:
    """V-02, from beat on the 1st: last month's visit summary drafted in every office."""
    from modules.visits.resident_services import visit_summaries_draft_every_office

    return visit_summaries_draft_every_office()
