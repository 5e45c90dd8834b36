"""Thin Celery tasks of the residents app (DESIGN.md convention 2): the roster import job (issue 9 §3.8)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="modules.residents.tasks.roster_job_run")
def roster_job_run(job_id: int) -> str | None:
    """Import the roster file of a queued job (in the office schema the task was sent from)."""
    from modules.residents.services.roster_jobs import roster_job_run as run

    job = run(job_id=job_id)
    return job.status if job else None


@shared_task(name="modules.residents.tasks.roster_jobs_resume")
def roster_jobs_resume() -> int:
    """From beat: in every office, re-send the import jobs whose message never arrived, and mark failed the
    running ones whose worker is gone."""
    from core.sweeps import for_each_office
    from modules.residents.services.roster_jobs import roster_jobs_fail_dead
    from modules.residents.services.roster_jobs import roster_jobs_resume as resume

    def sweep(*, office) -> int:
        return resume(office=office) + roster_jobs_fail_dead(office=office)

    return sum(for_each_office(name="roster_jobs_resume", sweep=sweep).values())
