"""Thin Celery tasks of the clock engine (routed to the `clocks` queue, core/settings/base.py)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="core.clocks.tasks.clocks_tick")
def clocks_tick() -> int:
    """From beat: one `clocks_run` per office and head office."""
    from core.clocks.fanout import clocks_fan_out

    return clocks_fan_out()


@shared_task(name="core.clocks.tasks.clocks_run")
def clocks_run(now: str | None = None, leads: dict | None = None) -> dict:
    """Every clock of the tenant this task was sent for (its schema is in the task's headers), at the
    fan-out's moment with its catalog values."""
    from datetime import datetime

    from core.clocks.engine import clocks_run_here

    return clocks_run_here(now=datetime.fromisoformat(now) if now else None, leads=leads)
