"""Thin Celery tasks of the front desk (DESIGN.md convention 2)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="modules.frontdesk.tasks.workorder_overdue_sweep")
def workorder_overdue_sweep() -> dict:
    """F-02, from beat: tell each overdue work order's department and the CS supervisor, once."""
    from modules.frontdesk.services.overdue import workorder_overdue_sweep as sweep

    return sweep()
