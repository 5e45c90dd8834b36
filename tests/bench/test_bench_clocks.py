"""The clock engine at scale (issue 8 goal 3): OFFICES offices × STEPS newly overdue complaint steps
(C-17) handled by one real Celery worker of 2 processes (target ≤ 15 s at 100 offices), and a quiet
sweep (nothing due) per office (target ≤ 10 ms). Offices: WUYE_BENCH_CLOCK_OFFICES (default 100).

The offices are real cloned schemas, committed so the worker's connections see them, and dropped at the
end (the other benchmarks count offices). Each step's complaint is assigned, so two people are told (the
assignee and the CS supervisor): 2 notifications and 2 e-mails per step. The worker consumes every queue
(sweeps and e-mail alike), as `make demo` runs it. Timing starts when beat's fan-out is sent and stops
when the last step's notifications are written (one query on the public schema, polled)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from core.settings.env import kombu_url
from tests.bench.report import median, write_section
from tests.core.broker import own_redis, real_broker

OFFICES = int(os.environ.get("WUYE_BENCH_CLOCK_OFFICES", "100"))
STEPS, PROCESSES, QUIET_ROUNDS = 50, 2, 5
DEADLINE = 600.0


def _database_url() -> str:
    db = connection.settings_dict
    host = db["HOST"] or ""
    if host.startswith("/"):
        return f"postgresql://{db['USER']}:{db['PASSWORD']}@/{db['NAME']}?host={host}&port={db['PORT'] or 5432}"
    return f"postgresql://{db['USER']}:{db['PASSWORD']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def _steps(office, staff_id: int, count: int) -> None:
    """`count` complaints of `office` whose first step (classify) became overdue five minutes ago."""
    from modules.complaints.models import Complaint

    now = timezone.now()
    with schema_context(office.schema_name):
        start = Complaint.objects.count()
        Complaint.objects.bulk_create([Complaint(
            number=f"B{start + i:06d}", channel="phone", complainant_name="基准", complainant_phone="13800138000",
            content=f"基准时钟 {i}：楼道灯不亮", category="other", received_at=now - timedelta(days=2),
            received_by_id=staff_id, status="assigned", assignee_id=staff_id, assignee_name="基准",
            assignee_role="cs_staff", next_step="classify", due_at=now - timedelta(minutes=5) + timedelta(seconds=i))
            for i in range(count)])


def _offices_with_people(n: int) -> list[tuple]:
    from tenants.models import Membership, User
    from tenants.services import office_create

    made = []
    for i in range(n):
        office = office_create(slug=f"clk-{i:03d}", name=f"时钟基准{i:03d}管理处", kind="residential")
        staff, boss = User.objects.bulk_create([
            User(username=f"clk{i:03d}_{role}", email=f"clk{i:03d}_{role}@example.com") for role in ("s", "b")])
        Membership.objects.bulk_create([Membership(user=staff, tenant=office, role="cs_staff"),
                                        Membership(user=boss, tenant=office, role="cs_supervisor")])
        made.append((office, staff))
        if (i + 1) % 20 == 0:
            print(f"  {i + 1}/{n} offices made", flush=True)
    return made


def _drop(offices) -> None:
    from core.notifications.models import Notification, OutboxMessage
    from tenants.models import Tenant, User

    ids = [office.pk for office, _staff in offices]
    Notification.objects.filter(tenant_id__in=ids).delete()
    OutboxMessage.objects.filter(body__contains="基准时钟").delete()
    with connection.cursor() as cursor:
        for office, _staff in offices:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{office.schema_name}" CASCADE')
    User.objects.filter(username__startswith="clk").delete()
    Tenant.objects.filter(pk__in=ids).delete()


@pytest.fixture(scope="module")
def offices(world, django_db_blocker):
    with django_db_blocker.unblock():  # committed: the worker's connections must see them
        made = _offices_with_people(OFFICES)
        for office, staff in made:
            _steps(office, staff.pk, STEPS)
        yield made
        _drop(made)


def _worker(env: dict, workdir: Path) -> subprocess.Popen:
    log = open(workdir / "worker.log", "wb")  # noqa: SIM115 (closed with the process)
    argv = [sys.executable, "-m", "celery", "-A", "core.celery", "worker", f"--concurrency={PROCESSES}",
            "--without-mingle", "--without-gossip", "-Q", ",".join(settings.WORKER_QUEUES), "-l", "warning"]
    return subprocess.Popen(argv, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)


def _wait(check, what: str, workdir: Path) -> float:
    started, deadline = time.perf_counter(), time.perf_counter() + DEADLINE
    while not check():
        if time.perf_counter() > deadline:
            pytest.fail(f"gave up waiting for {what}\n{(workdir / 'worker.log').read_text(errors='replace')[-3000:]}")
        time.sleep(0.05)
    return time.perf_counter() - started


def _rss_mb(parent: int) -> list[float]:
    """Resident memory of the worker's pool processes, MB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(parent):
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sizes


def _statements_per_step(office, staff) -> tuple[float, float]:
    """In this process: STEPS more overdue steps in one office, its clocks run once; (SQL per step, s)."""
    from core.clocks.engine import clocks_run_here

    _steps(office, staff.pk, STEPS)
    with schema_context(office.schema_name), CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        assert clocks_run_here(tenant=office)["complaints.step"] == STEPS
        elapsed = time.perf_counter() - started
    return len(queries) / STEPS, elapsed


def _quiet_ms(offices) -> list[float]:
    """Per office: its clocks with nothing due, in this process, as its task runs them (the fan-out's
    moment and catalog values, the tenant from the task's schema), in ms."""
    from core.clocks.engine import clock_leads, clocks_run_here
    from core.clocks.registry import clocks_all

    now = timezone.now()
    leads, times = clock_leads(clocks_all(), now=now), []
    for office, _staff in offices:
        with schema_context(office.schema_name):
            started = time.perf_counter()
            assert not any(clocks_run_here(now=now, leads=leads, tenant=office).values())
            times.append((time.perf_counter() - started) * 1000)
    return times


def test_bench_clocks_fan_out(offices, tmp_path):
    from core.clocks.fanout import clocks_fan_out
    from core.notifications.models import Notification, OutboxMessage

    ids = [office.pk for office, _staff in offices]
    told = Notification.objects.filter(tenant_id__in=ids, title__contains="已超时")
    mails = OutboxMessage.objects.filter(body__contains="基准时钟", status="sent")
    expected = OFFICES * STEPS * 2
    with own_redis() as redis_server, real_broker(kombu_url(redis_server["url"])):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.clock_worker_settings",
               "PYTHONPATH": str(settings.BASE_DIR), "DATABASE_URL": _database_url(),
               "REDIS_URL": redis_server["url"], "CELERY_BROKER_URL": kombu_url(redis_server["url"])}
        worker = _worker(env, tmp_path)
        try:
            from core.celery import app

            _wait(lambda: bool(app.control.ping(timeout=0.5)), "the worker", tmp_path)
            started = time.perf_counter()
            queued = clocks_fan_out()
            _wait(lambda: told.count() >= expected, "every step handled", tmp_path)
            handled = time.perf_counter() - started
            mailed = _wait(lambda: mails.count() >= expected, "every e-mail sent", tmp_path) + handled
            rss = _rss_mb(worker.pid)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert told.count() == expected  # nobody told twice
    per_step_sql, one_office = _statements_per_step(*offices[0])
    quiet = [median(_quiet_ms(offices)) for _ in range(QUIET_ROUNDS)]
    _report(queued=queued, handled=handled, mailed=mailed, per_step_sql=per_step_sql, one_office=one_office,
            quiet=quiet, rss=rss)


def _report(*, queued, handled, mailed, per_step_sql, one_office, quiet, rss) -> None:
    steps = OFFICES * STEPS
    quiet_ms = median(quiet)
    rows = [
        "| measured | value | target |", "| --- | --- | --- |",
        f"| {OFFICES} offices × {STEPS} newly overdue steps, fan-out sent → every step handled and told, "
        f"one worker of {PROCESSES} processes | {handled:.1f} s ({steps / handled:.0f} steps/s) | ≤ 15 s: "
        f"**{'met' if handled <= 15 else 'MISSED'}** |",
        f"| … → every e-mail sent ({steps * 2}, same worker, `email` queue) | {mailed:.1f} s | |",
        f"| quiet sweep (nothing due), per office, median of {QUIET_ROUNDS} rounds over {OFFICES} offices "
        f"| {quiet_ms:.2f} ms | ≤ 10 ms: **{'met' if quiet_ms <= 10 else 'MISSED'}** |",
        f"| SQL statements per step (one office, {STEPS} steps, notifications included) | {per_step_sql:.1f} | |",
        f"| one office's {STEPS} steps in one process | {one_office * 1000:.0f} ms | |",
        f"| worker pool processes' memory after the sweep | {', '.join(f'{m:.0f}' for m in rss)} MB | |",
        "",
        f"Tasks queued by the fan-out: {queued} (every office of the test database and head office). Before the "
        f"engine (issue 8's table): 100 offices × ~47 steps took 62.5 s with 16 SQL statements per step and "
        f"15,135 e-mail tasks on the default queue; here {handled:.1f} s ({62.5 / handled:.1f}× faster) and "
        f"{steps * 2 // 100} e-mail tasks of up to 100 messages on their own queue. Quiet rounds (ms): "
        f"{', '.join(f'{q:.2f}' for q in quiet)}.",
    ]
    write_section("clocks", rows)
