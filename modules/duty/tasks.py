"""Thin Celery tasks of the duty module (DESIGN.md convention 2)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="modules.duty.tasks.shift_instances_daily")
def shift_instances_daily() -> dict:
    """D-01, from beat: today's shift instances in every office."""
    from modules.duty.services.instances import shift_instances_ensure_every_office

    return shift_instances_ensure_every_office()
