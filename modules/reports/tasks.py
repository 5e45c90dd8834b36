"""Thin Celery tasks of the monthly complaint report (C-18)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="modules.reports.tasks.reports_draft_monthly")
def reports_draft_monthly() -> dict:
    """Beat, the 1st at 02:00: last month's report drafted in every office; head office told who owes one."""
    from modules.reports.services import reports_draft_every_office

    return reports_draft_every_office()
