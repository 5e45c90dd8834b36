"""Issue 7 §1.2: Redis is killed and started again while a real Celery worker and beat run (their
own subprocesses, their own redis-server). Neither stops; a complaint registered while Redis was down
has its notification e-mail delivered exactly once after Redis is back (beat's outbox_flush queues
it, the worker sends it), with no process restarted by hand.

The test's own writes must be seen by the subprocesses, so they are committed from a thread with its
own connection (like tests/e2e); the test is sorted after the others (tests/conftest.py). Waiting is
polling with a deadline (a hang guard), never a fixed sleep."""

from __future__ import annotations

import email
import os
import subprocess
import sys
import threading
import time
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections
from django.test import Client

from core.settings.env import kombu_url
from tests.conftest import host_of
from tests.core.broker import own_redis, real_broker

pytestmark = [pytest.mark.django_db, pytest.mark.live_processes, pytest.mark.timeout(300)]
DEADLINE = 120.0  # seconds any one wait may take before the test fails (hang guard)


def _database_url() -> str:
    db = connection.settings_dict
    host = db["HOST"] or ""
    if host.startswith("/"):
        return f"postgresql://{db['USER']}:{db['PASSWORD']}@/{db['NAME']}?host={host}&port={db['PORT'] or 5432}"
    return f"postgresql://{db['USER']}:{db['PASSWORD']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def _start(kind: str, env: dict, workdir: Path) -> subprocess.Popen:
    queues = ",".join(django_settings.WORKER_QUEUES)  # e-mail has its own queue: the worker must consume it
    args = {"worker": ["worker", "--concurrency=1", "--without-mingle", "--without-gossip", "-n", "faults@%h",
                       "-Q", queues],
            "beat": ["beat", "-s", str(workdir / "beat-schedule")]}[kind]
    log = open(workdir / f"{kind}.log", "wb")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen([sys.executable, "-m", "celery", "-A", "core.celery", *args, "-l", "info"],
                            cwd=django_settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _wait_for(what: str, check, logs: Path) -> None:
    deadline = time.monotonic() + DEADLINE
    while not check():
        if time.monotonic() > deadline:
            tails = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in logs.glob("*.log"))
            pytest.fail(f"gave up waiting for {what}\n{tails}")
        time.sleep(0.2)


def _committed(fn):
    """Run `fn` in a thread with its own database connection (autocommit): the subprocesses see it."""
    result = {}

    def target():
        try:
            result["value"] = fn()
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    return result["value"]


def _register_by_api(world, content: str) -> str:
    client = Client(HTTP_HOST=host_of(world.alpha))
    client.force_login(world.users[("alpha", "cs_staff")])
    response = client.post("/api/v1/complaints/", {
        "channel": "phone", "complainant_name": "周九", "complainant_phone": "13700137400",
        "content": content, "category": "other"}, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()["number"]


def _mails(maildir: Path, subject: str) -> list:
    found = []
    for path in maildir.glob("*"):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            message = email.message_from_bytes(raw)
            if message["Subject"] and str(make_header(decode_header(message["Subject"]))) == subject:
                found.append(message["To"])
    return found


def _status(subject: str) -> set[str]:
    from core.notifications.models import OutboxMessage

    return set(OutboxMessage.objects.filter(subject=subject).values_list("status", flat=True))


def test_worker_and_beat_survive_a_redis_restart_and_deliver_once(world, settings, tmp_path):
    from core import outage
    from core.notifications.models import Notification, OutboxMessage

    maildir = tmp_path / "mail"
    maildir.mkdir()
    officer = world.users[("alpha", "duty_officer")].email
    procs = []
    with own_redis() as redis_server, real_broker(kombu_url(redis_server["url"])):
        settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": redis_server["url"]}}
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings", "PYTHONPATH": str(settings.BASE_DIR),
               "DATABASE_URL": _database_url(), "REDIS_URL": redis_server["url"],
               "CELERY_BROKER_URL": kombu_url(redis_server["url"]), "WUYE_TEST_MAIL_DIR": str(maildir),
               "WUYE_TEST_BEAT_SCHEDULE": str(tmp_path / "beat-schedule")}
        try:
            procs = [_start("worker", env, tmp_path), _start("beat", env, tmp_path)]
            # Redis up: a complaint's e-mail goes straight through the worker
            before = f"新投诉 {_committed(lambda: _register_by_api(world, '故障测试：Redis 正常'))}"
            _wait_for("the first e-mail", lambda: _status(before) == {"sent"}, tmp_path)

            redis_server["stop"]()  # a crash: the worker and beat lose their connection
            during = f"新投诉 {_committed(lambda: _register_by_api(world, '故障测试：Redis 停止'))}"
            row = OutboxMessage.objects.get(subject=during, recipient=officer)
            assert (row.status, row.queued_at) == ("pending", None)  # kept for outbox_flush
            assert Notification.objects.filter(title=during).exists()

            redis_server["start"]()  # back, empty: no process is touched
            outage.reset_all()
            _wait_for("the e-mail of the complaint registered while Redis was down",
                      lambda: _status(during) == {"sent"}, tmp_path)
            assert [p.poll() for p in procs] == [None, None], "a process stopped"
        finally:
            for process in procs:
                _stop(process)
    row.refresh_from_db()
    assert row.attempts == 1 and _mails(maildir, during) == [officer]  # exactly once
    assert _mails(maildir, before) == [officer]
    log = (tmp_path / "worker.log").read_text(errors="replace").split("worker: Warm shutdown")[0]
    assert "Connection to broker lost" in log  # the worker did see Redis go ...
    assert "Shutting down" not in log  # ... and stayed up until the test stopped it
