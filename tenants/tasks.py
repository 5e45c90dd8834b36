"""Thin Celery tasks of the tenants app (DESIGN.md convention 2): office jobs (issue 8)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="tenants.tasks.office_job_run")
def office_job_run(job_id: int) -> str | None:
    """Create the office (and its first director) a group administrator asked for."""
    from tenants.job_services import office_job_run as run

    job = run(job_id=job_id)
    return job.status if job else None


@shared_task(name="tenants.tasks.office_jobs_resume")
def office_jobs_resume() -> dict:
    """From beat: run the office jobs whose message never arrived (the broker was down), and mark failed
    those whose worker died while running them."""
    from tenants.job_services import office_jobs_fail_stalled
    from tenants.job_services import office_jobs_resume as resume

    return {"failed": office_jobs_fail_stalled(), "resumed": resume()}
