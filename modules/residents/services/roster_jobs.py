"""The roster import as a background job (P-01, issue 9 §3.8): the page (or the API) queues a job on the
kept file, a worker runs it, the page polls its progress and shows the result row by row.

All-or-nothing, as the import itself (services.roster_import): a roster with any bad row imports nothing
and the job ends `failed` with every rejected row and its reason; a failure while writing rolls the whole
import back. Progress is reported through the cache while the import's transaction is open (its writes
are not visible until it commits), and written to the job row at the end.

A job is not lost when the broker is down: its row is written first, the task is sent on commit, and the
beat task `roster_jobs_resume` re-sends, in every office, the jobs still queued
`ROSTER_JOB_RESUME_AFTER` seconds later (the row lock and the status check make a late message a no-op),
as tenants/job_services.py does for the console's office jobs.

A job whose worker died while importing (killed, out of memory, host lost) is not left "running" forever:
the worker holds a session-level PostgreSQL advisory lock named after the job for as long as it runs it,
which the server releases when the worker's connection goes. The same beat finds the jobs running for a
while whose lock nobody holds and marks them failed (`roster_jobs_fail_dead`); the import was one
transaction, rolled back with the connection, so nothing of it was written."""

from __future__ import annotations

import hashlib
import logging
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from core.errors import ApplicationError, NotAllowedNow
from core.files.models import StoredFile
from core.tasks import enqueue, enqueue_on_commit
from modules.residents.models import RosterImportJob, RosterImportJobEvent

logger = logging.getLogger(__name__)
MAX_STORED_ERRORS = 1000  # rejected rows kept on the job for its result page (all are counted)


def roster_job_progress_key(job_id: int) -> str:
    return f"residents:roster_job:{job_id}:progress"  # the cache prefixes the schema (django_tenants)


def roster_job_progress_report(*, job_id: int, done: int, total: int) -> None:
    """Rows done so far of a running job (read by selectors.roster_job_progress); a cache outage only
    costs the progress bar, never the import."""
    try:
        cache.set(roster_job_progress_key(job_id), [done, total], timeout=3600)
    except Exception:  # noqa: BLE001 — Redis down: the page shows the bar at its last value
        logger.warning("roster job %s: progress not reported", job_id, exc_info=True)


def roster_job_create(*, stored: StoredFile, user=None) -> RosterImportJob:
    """Queue the import of a kept roster file; the task is sent once the job row is committed."""
    with transaction.atomic():
        job = RosterImportJob.objects.create(file=stored, source=stored.original_name[:255],
                                             requested_by_id=getattr(user, "pk", None),
                                             requested_by_name=str(user)[:150] if user else "")
        RosterImportJobEvent.objects.create(job=job, status=RosterImportJob.QUEUED)
        from modules.residents.tasks import roster_job_run

        enqueue_on_commit(roster_job_run, job.pk)
    return job


def _transition(job_id: int, status: str, *, note: str = "", **changes) -> RosterImportJob:
    """Lock the job, check the move in RosterImportJob.TRANSITIONS, write it and its event."""
    with transaction.atomic():
        job = RosterImportJob.objects.select_for_update().get(pk=job_id)
        if status not in RosterImportJob.TRANSITIONS[job.status]:
            raise NotAllowedNow(f"roster job {job_id}: {job.status} → {status} is not allowed")
        job.status = status
        for field, value in changes.items():
            setattr(job, field, value)
        job.save()
        RosterImportJobEvent.objects.create(job=job, status=status, note=note[:500])
    return job


def roster_job_run(*, job_id: int) -> RosterImportJob | None:
    """Run a queued job (in its office's schema: the task carries it). A job another worker started or
    finished is left alone. Returns the finished job, or None when there was nothing to do."""
    try:
        job = _transition(job_id, RosterImportJob.RUNNING, started_at=timezone.now())
    except (ApplicationError, RosterImportJob.DoesNotExist):
        return None
    with _worker_alive(job_id):
        return _import(job)


def _import(job: RosterImportJob) -> RosterImportJob:
    from modules.residents.services import roster_import

    job_id = job.pk
    outcomes: list = []
    user = get_user_model().objects.filter(pk=job.requested_by_id).first() if job.requested_by_id else None
    try:
        with job.file.file.open("rb") as handle:
            counts = roster_import(file=handle, user=user, source=job.source, outcomes=outcomes,
                                   progress=lambda done, total: roster_job_progress_report(
                                       job_id=job_id, done=done, total=total))
    except ApplicationError as exc:  # a bad roster (rows named) or an unreadable file: nothing written
        return _fail(job_id, exc)
    except Exception:  # the job records the failure; the log keeps the trace; the import rolled back
        logger.exception("roster job %s failed", job_id)
        return _fail(job_id, None)
    total = len(outcomes)
    return _transition(job_id, RosterImportJob.DONE, finished_at=timezone.now(), rows_total=total,
                       rows_done=total, outcomes=outcomes, **counts)


def _fail(job_id: int, exc: ApplicationError | None) -> RosterImportJob:
    errors = getattr(exc, "row_errors", None) or []
    message = exc.message if exc else "导入时出错，未导入任何数据。"
    return _transition(job_id, RosterImportJob.FAILED, note=message, error=message[:500],
                       errors=errors[:MAX_STORED_ERRORS], rejected=len({e["row"] for e in errors}),
                       rows_total=getattr(exc, "rows_total", 0), finished_at=timezone.now())


def roster_jobs_resume(*, office=None, limit: int = 10) -> int:
    """Re-send the jobs of this office still queued a while after they were asked for (their message was
    lost: the broker was down or restarted). Returns how many were sent."""
    from modules.residents.tasks import roster_job_run

    cutoff = timezone.now() - timedelta(seconds=settings.ROSTER_JOB_RESUME_AFTER)
    ids = list(RosterImportJob.objects.filter(status=RosterImportJob.QUEUED, created_at__lte=cutoff)
               .order_by("created_at").values_list("pk", flat=True)[:limit])
    for job_id in ids:
        enqueue(roster_job_run, job_id)
    return len(ids)


def _liveness_key(job_id: int) -> int:
    """The advisory lock a worker holds while it runs the job: a signed 64-bit number of schema and job."""
    digest = hashlib.blake2b(f"{connection.schema_name}:roster_job:{job_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def _worker_alive(job_id: int):
    key = _liveness_key(job_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def roster_jobs_fail_dead(*, office=None, limit: int = 10) -> int:
    """Mark failed the jobs of this office running for `ROSTER_JOB_DEAD_AFTER` seconds whose worker is gone
    (nobody holds the job's advisory lock). Returns how many."""
    cutoff = timezone.now() - timedelta(seconds=settings.ROSTER_JOB_DEAD_AFTER)
    ids = list(RosterImportJob.objects.filter(status=RosterImportJob.RUNNING, started_at__lte=cutoff)
               .order_by("started_at").values_list("pk", flat=True)[:limit])
    failed = 0
    for job_id in ids:
        key = _liveness_key(job_id)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if not cursor.fetchone()[0]:
                continue  # its worker is still at it
        try:
            _transition(job_id, RosterImportJob.FAILED, note="导入进程中断，未导入任何数据，请重新导入。",
                        error="导入进程中断，未导入任何数据，请重新导入。", finished_at=timezone.now())
            failed += 1
            logger.warning("roster job %s: its worker is gone, marked failed", job_id)
        except NotAllowedNow:
            pass  # it finished meanwhile
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    return failed
