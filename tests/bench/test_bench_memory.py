"""Memory of a web worker and of a Celery worker as offices are added (issue 8 goal 6: a web worker ≤ 150 MB
after 2,000 requests spread over 300 offices; a Celery process ≤ 150 MB after a full sweep).

Offices: WUYE_BENCH_MEMORY_OFFICES (default 300) real offices with schemas and work in them
(tests/bench/many_offices.py). The web worker is one gunicorn sync worker (the app preloaded, as
deploy/gunicorn.conf.py does, without recycling) serving a mix of pages and API calls, each request on
another office's host as a member of that office; its resident size is read from /proc/<pid>/status at
start, after 200 and after 2,000 requests. The same 2,000 requests over 3 offices, in a fresh worker,
tell what the number of offices adds. The Celery worker (prefork, 2 processes, as deploy/compose.yaml)
runs every entry of CELERY_BEAT_SCHEDULE — whatever the sweeps are and however they fan out — until
its queues are empty, twice (the first sweep finds overdue work in every office, the second none)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from tests.bench.load import call, calls_per_second
from tests.bench.many_offices import build_offices, drop_offices
from tests.bench.report import write_section
from tests.bench.servers import ROOT, children, database_url, gunicorn_process, memory_mb

N = int(os.environ.get("WUYE_BENCH_MEMORY_OFFICES", "300"))
FEW, FIRST, TOTAL, GOAL_MB = 3, 200, 2000, 150
PAGES = ("/", "/complaints/", "/complaints/{c}/", "/frontdesk/workorders/", "/frontdesk/workorders/{w}/",
         "/frontdesk/contacts/", "/duty/")
APIS = ("/api/v1/complaints/?page_size=50", "/api/v1/complaints/{c}/", "/api/v1/frontdesk/workorders/",
        "/api/v1/frontdesk/workorders/{w}/", "/api/v1/frontdesk/contacts/", "/api/v1/duty/entries/")
KINDS = [(path, False) for path in PAGES] + [(path, True) for path in APIS]
results: dict[str, list[str]] = {}


@pytest.fixture(scope="module")
def offices(world, django_db_blocker):
    with django_db_blocker.unblock():  # committed: the servers and the worker read them
        built = build_offices(N)
    yield built
    with django_db_blocker.unblock():
        drop_offices()


def _request(port: int, offices, index: int) -> int:
    office = offices[index % len(offices)]
    path, api = KINDS[(index // len(offices) + index) % len(KINDS)]
    path = path.format(c=office.complaint_ids[index % len(office.complaint_ids)],
                       w=office.workorder_ids[index % len(office.workorder_ids)])
    headers = {"Authorization": f"Token {office.token}"} if api else {"Cookie": office.cookie}
    status = call(port, "GET", office.host, path, headers=headers)[0]
    return status


def _serve(offices, tmp_path) -> list[tuple[str, dict]]:
    """One gunicorn worker, TOTAL requests over `offices`; the worker's memory at three points."""
    with gunicorn_process(app="core.wsgi:application", settings_module="tests.bench.settings_web", logdir=tmp_path,
                          workers=1, probe_host=offices[0].host, extra_args=("--preload",)) as (port, master):
        (worker,) = children(master.pid)
        points = [("start (after one request)", memory_mb(worker))]
        calls_per_second(lambda i: _request(port, offices, i), FIRST, threads=2)
        points.append((f"after {FIRST} requests", memory_mb(worker)))
        calls_per_second(lambda i: _request(port, offices, FIRST + i), TOTAL - FIRST, threads=2)
        points.append((f"after {TOTAL} requests", memory_mb(worker)))
    return points


def test_bench_web_worker_memory(offices, tmp_path):
    many, few = _serve(offices, tmp_path), _serve(offices[:FEW], tmp_path)
    end = many[-1][1]["VmRSS"]
    lines = [f"| web worker (gunicorn sync, app preloaded) | {N} offices: RSS | peak | {FEW} offices: RSS | peak |",
             "| --- | --- | --- | --- | --- |"]
    for (label, m), (_, f) in zip(many, few, strict=True):
        lines.append(f"| {label} | {m['VmRSS']:.1f} MB | {m['VmHWM']:.1f} MB | {f['VmRSS']:.1f} MB | "
                     f"{f['VmHWM']:.1f} MB |")
    lines += ["", f"{TOTAL} requests, each on another office's host as that office's member: "
              f"{len(PAGES)} pages (session) and {len(APIS)} API calls (token) in turn. "
              f"{N} offices vs {FEW}: {end - few[-1][1]['VmRSS']:+.1f} MB after {TOTAL} requests. "
              f"Target ≤ {GOAL_MB} MB: **{'met' if end <= GOAL_MB else 'MISSED'}**."]
    results["web"] = lines
    _write()
    assert len(many) == len(few) == 3


# --- the Celery worker ------------------------------------------------------------------------------

def _queues() -> list[str]:
    """Every queue a task of this app can go to: the default, the routed ones, the beat entries' own."""
    from core.celery import app

    names = {app.conf.task_default_queue}
    names |= {q.name for q in app.conf.task_queues or ()}
    routes = app.conf.task_routes or {}
    for route in (routes.values() if isinstance(routes, dict) else ()):
        if isinstance(route, dict) and route.get("queue"):
            names.add(route["queue"])
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        if (entry.get("options") or {}).get("queue"):
            names.add(entry["options"]["queue"])
    return sorted(names)


def _broker_idle(client) -> bool:
    """No message waiting in any list and none taken but unacknowledged (tasks ack late)."""
    waiting = sum(client.llen(key) for key in client.scan_iter() if client.type(key) == b"list")
    return waiting == 0 and client.hlen("unacked") == 0


def _sweep_all(app, client, deadline_s: float = 600.0) -> float:
    """Send every beat entry's task, as beat would, and wait until the worker has done all it led to."""
    started = time.perf_counter()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        app.send_task(entry["task"], args=entry.get("args") or (), kwargs=entry.get("kwargs") or {},
                      **(entry.get("options") or {}))
    idle_since = None
    while time.perf_counter() - started < deadline_s:
        if _broker_idle(client):
            idle_since = idle_since or time.perf_counter()
            if time.perf_counter() - idle_since >= 1.0:
                return idle_since - started
        else:
            idle_since = None
        time.sleep(0.1)
    raise AssertionError(f"the worker did not finish the sweep within {deadline_s}s")


def _wait_ready(log, process, deadline_s: float = 120.0) -> None:
    stop = time.monotonic() + deadline_s
    while time.monotonic() < stop:
        if " ready." in log.read_text(errors="replace"):
            return
        assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)
    raise AssertionError(f"the worker did not start\n{log.read_text(errors='replace')[-3000:]}")


def _pool(pid: int) -> dict[str, dict]:
    return {"main": memory_mb(pid), **{f"pool process {n}": memory_mb(c) for n, c in enumerate(children(pid), 1)}}


def test_bench_celery_worker_memory(offices, tmp_path):
    from core.celery import app
    from core.settings.env import kombu_url
    from tests.core.broker import real_broker

    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL, "PYTHONPATH": str(ROOT),
           "DJANGO_SETTINGS_MODULE": "tests.bench.settings_worker"}
    log = tmp_path / "worker.log"
    with real_broker(kombu_url(settings.REDIS_URL)) as celery_app, celery_app.connection_for_write() as conn:
        for queue in _queues():  # what earlier benches sent with no worker running (their e-mails)
            conn.default_channel.queue_purge(queue)
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "core.celery", "worker", "--concurrency=2", "--without-mingle",
             "--without-gossip", "-Q", ",".join(_queues()), "-n", "membench@%h", "-l", "info"],
            cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)  # noqa: SIM115
        try:
            _wait_ready(log, worker)
            points = [("ready", _pool(worker.pid), None)]
            for label in ("after a full sweep (overdue work in every office)", "after a second sweep (quiet)"):
                seconds = _sweep_all(app, conn.default_channel.client)
                points.append((label, _pool(worker.pid), seconds))
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    largest = max(m["VmRSS"] for m in points[1][1].values())
    lines = [f"| Celery worker (prefork, 2 processes), {N} offices | sweep took | "
             + " | ".join(f"{name} RSS / peak" for name in points[0][1]) + " |",
             "| --- | --- | " + " | ".join("---" for _ in points[0][1]) + " |"]
    for label, pool, seconds in points:
        took = "" if seconds is None else f"{seconds:.1f} s"
        lines.append(f"| {label} | {took} | "
                     + " | ".join(f"{m['VmRSS']:.1f} / {m['VmHWM']:.1f} MB" for m in pool.values()) + " |")
    lines += ["", f"Every entry of CELERY_BEAT_SCHEDULE sent once per sweep ({len(settings.CELERY_BEAT_SCHEDULE)} "
              f"entries), the worker consuming {', '.join(_queues())}; done when no message waits or is "
              f"unacknowledged. Largest process after the full sweep {largest:.1f} MB. Target ≤ {GOAL_MB} MB: "
              f"**{'met' if largest <= GOAL_MB else 'MISSED'}**."]
    results["celery"] = lines
    _write()
    assert len(points) == 3


def _write() -> None:
    write_section("memory", [*results.get("web", []), *([""] if len(results) == 2 else []),
                             *results.get("celery", [])])
