"""One queue per kind of work (issue 8 goal 3; deploy/SCALING.md): sweeps on `clocks`, e-mail on
`email`, the bridge on `bridge`, the rest on `celery`. Every routed queue is a known queue, and every
place that starts a worker consumes all of them between its workers."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _queues_of(argv: str) -> set[str]:
    match = re.search(r'"-Q",\s*"([a-z,]+)"', argv)
    return set(match.group(1).split(",")) if match else set()


def test_every_route_goes_to_a_known_queue_and_email_has_its_own():
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed <= set(settings.WORKER_QUEUES)
    assert settings.CELERY_TASK_ROUTES["core.notifications.tasks.outbox_deliver"]["queue"] == "email"
    assert settings.CELERY_TASK_ROUTES["core.notifications.tasks.outbox_deliver_many"]["queue"] == "email"
    assert settings.CELERY_TASK_ROUTES["core.clocks.tasks.*"]["queue"] == "clocks"
    assert {q.name for q in settings.CELERY_TASK_QUEUES} == set(settings.WORKER_QUEUES)


def test_the_beat_has_one_clock_entry_and_no_private_sweeps():
    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert tasks.count("core.clocks.tasks.clocks_tick") == 1
    assert not [t for t in tasks if "sweep" in t]


def test_run_demo_worker_consumes_every_queue():
    from core.management.commands.run_demo import Command

    argv = Command().commands(bind="127.0.0.1", port="8000")["worker"]
    assert set(argv[argv.index("-Q") + 1].split(",")) == set(settings.WORKER_QUEUES)


def test_compose_workers_consume_every_queue_and_email_alone():
    compose = (ROOT / "deploy" / "compose.yaml").read_text()
    commands = [line for line in compose.splitlines() if '"celery", "-A", "core", "worker"' in line]
    consumed = [_queues_of(line) for line in commands]
    assert set().union(*consumed) == set(settings.WORKER_QUEUES)
    assert {"email"} in consumed  # a worker of its own for e-mail


def test_the_live_worker_test_consumes_every_queue():
    source = (ROOT / "tests" / "core" / "test_worker_reconnects.py").read_text()
    assert '"-Q", queues' in source and "WORKER_QUEUES" in source
