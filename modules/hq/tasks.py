"""Thin Celery tasks of head office: call a service (DESIGN.md convention 2)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="modules.hq.tasks.hq_result_overdue_sweep")
def hq_result_overdue_sweep() -> int:
    """C-16/C-17, from beat: tell the quality department of forwarded results reported late."""
    from modules.hq.services import hq_result_overdue_sweep as sweep

    return sweep()
