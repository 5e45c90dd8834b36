"""Writes about office jobs: the group console creates an office in the background (issue 8), never
inside the request. The request checks everything it can and queues a job; a worker runs its steps
(office, director's account, director's role) and records each one, so the page can show progress.

A job is not lost when the broker is down: its row is written first, the task is sent on commit, and
the beat task `office_jobs_resume` runs every job still queued `OFFICE_JOB_RESUME_AFTER` seconds
later (the row lock and the status check make a late message a no-op). A job whose worker died while
running it (no step done for `OFFICE_JOB_STALL_AFTER` seconds, `heartbeat_at`) is marked failed by the
same beat, with the reason on its progress page (`office_jobs_fail_stalled`)."""

from __future__ import annotations

import logging
import secrets
import string
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError, NotAllowedNow, ValidationFailed
from core.permissions import OFFICE_DIRECTOR
from core.tasks import enqueue_on_commit
from core.validators import is_valid_phone, normalize_phone
from tenants.models import OfficeJob, OfficeJobEvent, User
from tenants.services import membership_grant, office_check, office_create, user_create

logger = logging.getLogger(__name__)
PASSWORD_ALPHABET = string.ascii_letters + string.digits
PASSWORD_LENGTH = 16
_PENDING = (OfficeJob.QUEUED, OfficeJob.RUNNING)


def _one_time_password() -> str:
    while True:
        text = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if any(c.isdigit() for c in text) and any(c.isalpha() for c in text):
            return text


def _director_check(*, username: str, display_name: str, phone: str) -> None:
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        raise ValidationFailed("用户名无效。", fields={"director_username": list(exc.messages)}) from exc
    taken = User.objects.filter(username=username).exists() or OfficeJob.objects.filter(
        status__in=_PENDING, director_username=username).exists()
    if taken:
        raise ValidationFailed("用户名已存在。", fields={"director_username": ["已存在"]})
    if not display_name.strip():
        raise ValidationFailed("主任姓名必填。", fields={"director_display_name": ["必填"]})
    if phone and not is_valid_phone(phone):
        raise ValidationFailed("电话无效。", fields={"director_phone": ["请输入有效的手机号或固定电话"]})


def office_job_create(*, slug: str, name: str, kind: str, director_username: str,
                      director_display_name: str, director_phone: str = "",
                      requested_by: User | None) -> tuple[OfficeJob, str]:
    """Check the office and its first director, queue the job; returns it and the director's one-time
    password (shown once to the requester; the job keeps only its hash)."""
    office_check(slug=slug, name=name, kind=kind)
    if OfficeJob.objects.filter(status__in=_PENDING, slug=slug).exists():
        raise ValidationFailed(f"“{slug}”已被使用。", fields={"slug": ["已被使用"]})
    _director_check(username=director_username, display_name=director_display_name, phone=director_phone)
    password = _one_time_password()
    with transaction.atomic():
        job = OfficeJob.objects.create(
            slug=slug, name=name.strip(), kind=kind, director_username=director_username,
            director_display_name=director_display_name.strip(),
            director_phone=normalize_phone(director_phone) if director_phone else "",
            director_password=make_password(password), requested_by=requested_by)
        OfficeJobEvent.objects.create(job=job, status=OfficeJob.QUEUED)
        from tenants.tasks import office_job_run

        enqueue_on_commit(office_job_run, job.pk, schema_name="public")
    return job, password


def _transition(job_id: int, status: str, *, note: str = "", **changes) -> OfficeJob:
    """Lock the job, check the move in OfficeJob.TRANSITIONS, write it and its event."""
    with transaction.atomic():
        job = OfficeJob.objects.select_for_update().get(pk=job_id)
        if status not in OfficeJob.TRANSITIONS[job.status]:
            raise NotAllowedNow(f"job {job_id}: {job.status} → {status} is not allowed")
        job.status = status
        for field, value in changes.items():
            setattr(job, field, value)
        job.save()
        OfficeJobEvent.objects.create(job=job, status=status, note=note[:500])
    return job


class _Abandoned(Exception):
    """The job is no longer running in this worker's hands: beat declared its worker dead meanwhile."""


def _step_done(job_id: int, **changes) -> None:
    """Count a step and beat the heart; a job no longer running (failed as stalled while this worker was
    slow, not dead) stops here, before its next step."""
    with transaction.atomic():
        job = OfficeJob.objects.select_for_update().get(pk=job_id)
        if job.status != OfficeJob.RUNNING:
            raise _Abandoned
        job.steps_done += 1
        job.heartbeat_at = timezone.now()
        for field, value in changes.items():
            setattr(job, field, value)
        job.save(update_fields=["steps_done", "heartbeat_at", *changes])


def office_job_run(*, job_id: int) -> OfficeJob | None:
    """Run a queued job's steps (in the public schema: the task is sent with it); a job another worker
    started (or finished) is left alone."""
    now = timezone.now()
    try:
        job = _transition(job_id, OfficeJob.RUNNING, started_at=now, heartbeat_at=now)
    except (ApplicationError, OfficeJob.DoesNotExist):
        return None
    try:
        tenant = office_create(slug=job.slug, name=job.name, kind=job.kind)
        _step_done(job_id, tenant=tenant)
        user = user_create(username=job.director_username, password_hash=job.director_password,
                           display_name=job.director_display_name, phone=job.director_phone)
        _step_done(job_id)
        membership_grant(user=user, tenant=tenant, role=OFFICE_DIRECTOR)
        _step_done(job_id)
        return _transition(job_id, OfficeJob.DONE, finished_at=timezone.now(), director_password="")
    except _Abandoned:
        return _abandoned(job_id)
    except ApplicationError as exc:
        return _fail(job_id, exc.message)
    except Exception as exc:  # the job records the failure; the log keeps the trace
        logger.exception("office job %s failed", job_id)
        return _fail(job_id, f"{type(exc).__name__}")


def _abandoned(job_id: int) -> OfficeJob:
    logger.warning("office job %s: no longer running (marked failed as stalled), its worker stops", job_id)
    return OfficeJob.objects.get(pk=job_id)


def _fail(job_id: int, message: str) -> OfficeJob:
    try:
        return _transition(job_id, OfficeJob.FAILED, note=message, error=message[:500],
                           finished_at=timezone.now(), director_password="")
    except NotAllowedNow:  # already failed as stalled while this worker was still at it
        return _abandoned(job_id)


def office_jobs_fail_stalled(*, limit: int = 10) -> int:
    """Mark failed the jobs running with no progress for OFFICE_JOB_STALL_AFTER seconds: their worker
    died (killed, the machine restarted) and nothing else would ever finish them. They are not run
    again: a step is not idempotent — the office's schema and domain, or the director's account, may
    already exist — so the error says how far the job got, and the administrator decides what to do
    with what was made. The row is locked and the stall
    checked again under the lock; a worker that was only slow stops at its next step. Returns how many."""
    stalled_for = timedelta(seconds=settings.OFFICE_JOB_STALL_AFTER)
    ids = list(_stalled(timezone.now() - stalled_for).order_by("pk").values_list("pk", flat=True)[:limit])
    failed = 0
    for job_id in ids:
        with transaction.atomic():
            job = _stalled(timezone.now() - stalled_for).select_for_update(skip_locked=True).filter(pk=job_id).first()
            if job is None:  # it moved on meanwhile, or another beat has it
                continue
            minutes = max(1, round(stalled_for.total_seconds() / 60))
            message = (f"后台任务中断：超过 {minutes} 分钟没有进展，已完成 {job.steps_done}/{job.steps_total} 步。"
                       f"请核对已创建的内容后再处理。")
            _transition(job.pk, OfficeJob.FAILED, note=message, error=message[:500], finished_at=timezone.now(),
                        director_password="")
            failed += 1
        logger.warning("office job %s: running without progress for %s, marked failed", job_id, stalled_for)
    return failed


def _stalled(before):
    from django.db.models.functions import Coalesce

    return (OfficeJob.objects.filter(status=OfficeJob.RUNNING)
            .alias(alive_at=Coalesce("heartbeat_at", "started_at", "created_at")).filter(alive_at__lt=before))


def office_jobs_resume(*, limit: int = 10) -> int:
    """Run the jobs still queued a while after they were asked for (their message was lost: the
    broker was down or restarted). Returns how many were run."""
    cutoff = timezone.now() - timedelta(seconds=settings.OFFICE_JOB_RESUME_AFTER)
    ids = list(OfficeJob.objects.filter(status=OfficeJob.QUEUED, created_at__lte=cutoff)
               .order_by("created_at").values_list("pk", flat=True)[:limit])
    for job_id in ids:
        office_job_run(job_id=job_id)
    return len(ids)
