"""Thin Celery tasks of the surveys module: ids in, a service called (V-03)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="modules.surveys.tasks.survey_push")
def survey_push(wave_id: int) -> bool:
    """After an answer (on commit), in the office's schema: its counts of the wave to head office."""
    from modules.surveys.services import current_office
    from modules.surveys.services import survey_push as push

    office = current_office()
    return False if office is None else push(office=office, wave_id=wave_id)


@shared_task(name="modules.surveys.tasks.survey_push_open_waves")
def survey_push_open_waves() -> dict:
    """Beat: in every office, the open waves' counts again (and any push still pending)."""
    from core.sweeps import for_each_office
    from modules.surveys.services import survey_push_due

    return for_each_office(name="survey push", sweep=lambda office: survey_push_due(office=office))
