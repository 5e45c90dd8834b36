"""Thin Celery tasks of the training module."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="modules.training.tasks.training_plans_daily")
def training_plans_daily() -> dict:
    """A-05, from beat every night: next year's and next month's training plans exist in every office, so the
    plan clocks can remind and flag them (opening twice adds nothing; the deadlines are the clocks)."""
    from core.sweeps import for_each_office
    from modules.training.services import plans_upcoming_open

    return for_each_office(name="training plans", sweep=lambda *, office: plans_upcoming_open())
