"""Issue 9 §3.8: the roster import runs as a background job (P-01): queued by the page, run by a worker,
its progress polled, its result shown row by row; all-or-nothing (a failed job leaves no resident); a job
whose message was lost is re-sent by beat; office B never sees office A's job; a template .xlsx that
re-imports cleanly."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from modules.residents import services
from modules.residents.models import Resident, RosterImportJob
from modules.residents.services import roster_jobs as jobs
from modules.residents.services import roster_upload_store
from modules.residents.tasks import roster_jobs_resume

pytestmark = pytest.mark.django_db
HEADER = ["楼栋", "房号", "户名", "类型", "姓名", "身份", "电话", "备注"]
PAGE = "/residents/import/jobs/{}/"
API = "/api/v1/residents/import/jobs/{}/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _xlsx(rows, name="名册.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _rows(n: int) -> list[list[str]]:
    return [["1栋", str(101 + i), f"住户{i}", "住户", f"居民{i}", "业主", f"138{i:08d}", ""] for i in range(n)]


def _queue(rows, *, run: bool, capture=None) -> RosterImportJob:
    """A job on a kept file, in the current schema; `run` sends its message (eager) at commit."""
    stored = roster_upload_store(upload=_xlsx(rows))
    if run:
        with capture(execute=True):
            return jobs.roster_job_create(stored=stored)
    return jobs.roster_job_create(stored=stored)  # never committed here: its message is "lost"


def _confirm(client, rows, capture):
    preview = client.post("/residents/import/", {"file": _xlsx(rows)})
    with capture(execute=True):
        done = client.post("/residents/import/", {"confirm": "1", "roster": str(preview.context["stored"].pk)})
    assert done.status_code == 302
    return done["Location"]


def test_P01_confirm_queues_a_job_that_runs_and_shows_the_result_row_by_row(client_for, world, in_tenant,
                                                                           django_capture_on_commit_callbacks):
    client = client_for(world.alpha, "records_clerk")
    url = _confirm(client, _rows(3), django_capture_on_commit_callbacks)
    page = client.get(url)
    job = page.context["job"]
    assert (job.status, job.rows_total, job.rows_done, job.created) == ("done", 3, 3, 3)
    body = page.content.decode()
    assert "导入完成：新增 3 人" in body and "1栋-101 居民0" in body and 'id="job-rows"' in body
    assert "residents/roster_import.js" in body and 'data-finished="1"' in body
    assert url in client.get("/residents/import/").content.decode()  # the import page lists the job
    with in_tenant(world.alpha):
        assert Resident.objects.count() == 3
        assert [e.status for e in job.events.all()] == ["queued", "running", "done"]
        event = Resident.objects.get(name="居民0").events.get()  # the clerk who asked, not "the system"
        assert event.by_name == str(world.users[("alpha", "records_clerk")]) and "第 2 行" in event.note


def test_P01_progress_counts_are_reported_while_running_and_polled(client_for, world, in_tenant, monkeypatch,
                                                                  django_capture_on_commit_callbacks):
    seen = []
    report = jobs.roster_job_progress_report
    monkeypatch.setattr(jobs, "roster_job_progress_report", lambda **kw: seen.append((kw["done"], kw["total"]))
                        or report(**kw))
    with in_tenant(world.alpha):
        job = _queue(_rows(120), run=True, capture=django_capture_on_commit_callbacks)
        job.refresh_from_db()
    assert seen == [(50, 120), (100, 120), (120, 120)]
    assert (job.status, job.rows_done, job.rows_total, job.created) == ("done", 120, 120, 120)
    with in_tenant(world.alpha):  # a job still running: the page polls what the worker last reported
        running = _queue(_rows(1), run=False)
        RosterImportJob.objects.filter(pk=running.pk).update(status=RosterImportJob.RUNNING)
        jobs.roster_job_progress_report(job_id=running.pk, done=50, total=80)
    polled = client_for(world.alpha, "records_clerk").get(API.format(running.pk)).json()
    assert (polled["status"], polled["rows_done"], polled["rows_total"], polled["finished"]) == ("running", 50, 80,
                                                                                                   False)
    assert 'data-finished="0"' in client_for(world.alpha, "records_clerk").get(PAGE.format(running.pk)).content.decode()


def test_P01_bad_rows_fail_the_job_naming_each_row_and_nothing_is_written(client_for, world, in_tenant,
                                                                        django_capture_on_commit_callbacks):
    rows = [*_rows(2), ["1栋", "999", "坏户", "住户", "坏人", "业主", "123", ""]]
    with in_tenant(world.alpha):
        job = _queue(rows, run=True, capture=django_capture_on_commit_callbacks)
        job.refresh_from_db()
        assert not Resident.objects.exists()
    assert job.status == "failed" and job.rejected == 1 and job.rows_total == 3
    assert [(e["row"], e["column"]) for e in job.errors] == [(4, "电话")]
    body = client_for(world.alpha, "records_clerk").get(PAGE.format(job.pk)).content.decode()
    assert "整份名册未导入" in body and 'id="job-rejected"' in body


def test_P01_a_failure_while_writing_leaves_no_half_imported_roster(world, in_tenant, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    real, calls = services._import_row, []

    def breaks_on_third(row, **kw):
        calls.append(row.number)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(row, **kw)

    monkeypatch.setattr(services, "_import_row", breaks_on_third)
    with in_tenant(world.alpha):
        job = _queue(_rows(5), run=True, capture=django_capture_on_commit_callbacks)
        job.refresh_from_db()
        assert job.status == "failed" and job.error and not Resident.objects.exists()


def test_P01_a_job_whose_message_was_lost_is_resumed_by_beat(world, in_tenant, settings):
    with in_tenant(world.alpha):
        lost = _queue(_rows(2), run=False)
        fresh = _queue(_rows(1), run=False)
        RosterImportJob.objects.filter(pk=lost.pk).update(
            created_at=timezone.now() - timedelta(seconds=settings.ROSTER_JOB_RESUME_AFTER + 5))
    assert roster_jobs_resume() == 1  # the beat task, in every office
    with in_tenant(world.alpha):
        lost.refresh_from_db()
        fresh.refresh_from_db()
        assert lost.status == "done" and lost.created == 2 and fresh.status == "queued"
        assert jobs.roster_job_run(job_id=lost.pk) is None  # a late message: nothing twice
        assert Resident.objects.count() == 2


def _held_elsewhere(key: int):
    """A context in which another database session holds the advisory lock `key` (a live worker)."""
    import threading
    from contextlib import contextmanager

    from django.db import connections

    @contextmanager
    def held():
        taken, release = threading.Event(), threading.Event()

        def worker():
            conn = connections["default"]
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [key])
                taken.set()
                release.wait(30)
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            conn.close()

        thread = threading.Thread(target=worker)
        thread.start()
        taken.wait(30)
        try:
            yield
        finally:
            release.set()
            thread.join(30)

    return held()


def test_P01_a_running_job_whose_worker_died_is_marked_failed_by_beat(world, in_tenant, settings):
    """Issue 9 §3.8: a worker killed mid-import leaves a job "running"; beat finds that nobody holds the
    job's advisory lock and marks it failed (the import rolled back with its connection); a job whose
    worker still holds the lock is left alone."""
    with in_tenant(world.alpha):
        dead, alive = _queue(_rows(2), run=False), _queue(_rows(1), run=False)
        long_ago = timezone.now() - timedelta(seconds=settings.ROSTER_JOB_DEAD_AFTER + 5)
        RosterImportJob.objects.filter(pk__in=[dead.pk, alive.pk]).update(status="running", started_at=long_ago)
        alive_key = jobs._liveness_key(alive.pk)
    with _held_elsewhere(alive_key):
        roster_jobs_resume()
    with in_tenant(world.alpha):
        dead.refresh_from_db()
        alive.refresh_from_db()
        assert dead.status == "failed" and "中断" in dead.error and dead.finished_at is not None
        assert dead.events.filter(status="failed").exists()
        assert alive.status == "running"
        assert Resident.objects.count() == 0


def test_P01_template_download_parses_and_reimports_cleanly(client_for, world, in_tenant,
                                                           django_capture_on_commit_callbacks):
    client = client_for(world.alpha, "records_clerk")
    assert 'id="roster-template"' in client.get("/residents/import/").content.decode()
    response = client.get("/residents/import/template.xlsx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [str(c).split("(")[0] for c in rows[0]] == HEADER and len(rows) == 2
    upload = SimpleUploadedFile("模板.xlsx", response.content)
    preview = client.post("/residents/import/", {"file": upload})
    assert preview.context["preview"].is_valid
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/residents/import/", {"confirm": "1", "roster": str(preview.context["stored"].pk)})
    with in_tenant(world.alpha):
        assert Resident.objects.get().name == rows[1][4]


def test_P01_office_b_cannot_see_office_a_import_job(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        job = _queue(_rows(1), run=False)
    beta = client_for(world.beta, "records_clerk")
    assert beta.get(PAGE.format(job.pk)).status_code == 404
    assert beta.get(API.format(job.pk)).status_code == 404
    stranger = client_for(world.alpha, "records_clerk", user_of=world.beta)  # B's clerk on A's host
    assert stranger.get(PAGE.format(job.pk)).status_code == 404
    assert stranger.get(API.format(job.pk)).status_code == 404
    assert stranger.get("/residents/import/template.xlsx").status_code == 404


def test_P01_job_pages_need_the_import_permission(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        job = _queue(_rows(1), run=False)
    cs = client_for(world.alpha, "cs_staff")
    assert cs.get(PAGE.format(job.pk)).status_code in (403, 404)
    assert cs.get(API.format(job.pk)).status_code == 403
    assert client_for(world.alpha, "records_clerk").get(PAGE.format(job.pk)).status_code == 200


def test_P01_submit_buttons_are_disabled_after_click(client_for, world):
    body = client_for(world.alpha, "records_clerk").get("/residents/import/").content.decode()
    assert "data-disable-on-submit" in body and "residents/roster_import.js" in body


def test_P01_result_rows_are_paged(client_for, world, in_tenant, monkeypatch, django_capture_on_commit_callbacks):
    from modules.residents import views

    monkeypatch.setattr(views, "JOB_ROWS_PAGE", 2)
    client = client_for(world.alpha, "records_clerk")
    url = _confirm(client, _rows(3), django_capture_on_commit_callbacks)
    assert [o["row"] for o in client.get(url).context["outcomes"]] == [2, 3]
    assert [o["row"] for o in client.get(url, {"page": 2}).context["outcomes"]] == [4]
