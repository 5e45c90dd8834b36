"""Celery sending (DESIGN.md convention 2): the tenant schema travels in the `_schema_name` header of
the message actually published, and a dead broker makes `enqueue` return False promptly."""

from __future__ import annotations

import threading

import pytest
import redis
from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context

from core.celery import app
from core.tasks import enqueue, enqueue_on_commit
from tests.core.broker import queued_messages, real_broker, silent_server

pytestmark = pytest.mark.django_db


@app.task(name="tests.core.schema_of_task")
def schema_of_task(tag: str) -> str:
    return f"{tag}:{connection.schema_name}"


@pytest.fixture
def broker_queue():
    """The test settings' Redis broker with eager mode off; its default queue emptied around the test."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.delete("celery")
    with real_broker(settings.CELERY_BROKER_URL):
        yield client
    client.delete("celery")


def test_task_sent_inside_alpha_carries_schema_header(world, broker_queue):
    with schema_context("alpha"):
        schema_of_task.apply_async(args=["direct"])
        assert enqueue(schema_of_task, "enqueue") is True
    [direct, queued] = queued_messages(broker_queue)
    assert direct["headers"]["task"] == "tests.core.schema_of_task"
    assert direct["headers"]["_schema_name"] == "alpha"
    assert queued["headers"]["_schema_name"] == "alpha"


def test_enqueue_on_commit_keeps_schema_of_scheduling_time(world, broker_queue,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with schema_context("beta"):
            enqueue_on_commit(schema_of_task, "later")
    assert queued_messages(broker_queue) == []  # nothing before commit
    assert connection.schema_name == "public"  # the trap: commit happens after switching back
    for callback in callbacks:
        callback()
    [message] = queued_messages(broker_queue)
    assert message["headers"]["_schema_name"] == "beta"


def test_enqueue_on_commit_with_explicit_schema(world, broker_queue, django_capture_on_commit_callbacks):
    """outbox_enqueue sends its delivery as `public` from inside a tenant request."""
    with django_capture_on_commit_callbacks(execute=True):
        with schema_context("alpha"):
            enqueue_on_commit(schema_of_task, "mail", schema_name="public")
    [message] = queued_messages(broker_queue)
    assert message["headers"]["_schema_name"] == "public"


def test_enqueue_explicit_schema_wins(world, broker_queue):
    assert enqueue(schema_of_task, "x", schema_name="public")
    with schema_context("alpha"):
        enqueue(schema_of_task, "y", schema_name="public")
    assert [m["headers"]["_schema_name"] for m in queued_messages(broker_queue)] == ["public", "public"]


def test_eager_task_runs_in_the_schema_it_was_sent_from(world, django_capture_on_commit_callbacks):
    assert app.conf.task_always_eager  # test settings
    with schema_context("alpha"):
        assert schema_of_task.apply_async(args=["eager"]).get() == "eager:alpha"


def test_broker_timeouts_configured_at_most_2_seconds():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["socket_timeout"] <= 2 and options["socket_connect_timeout"] <= 2
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 2
    assert settings.CELERY_TASK_PUBLISH_RETRY is False
    assert app.conf.broker_transport_options["socket_connect_timeout"] <= 2
    assert app.conf.task_publish_retry is False


def test_worker_and_beat_reconnect_without_limit():
    """Issue 7 §1.2: a Redis restart must not stop the worker ("Shutting down") or beat."""
    assert app.conf.broker_connection_retry_on_startup is True
    assert app.conf.broker_connection_retry is True
    assert app.conf.broker_connection_max_retries is None


def test_enqueue_returns_false_on_dead_broker_without_hanging(world):
    result: dict = {}

    def send():
        with schema_context("alpha"):
            result["value"] = enqueue(schema_of_task, "lost")

    with real_broker("redis://127.0.0.1:1/0"):
        worker = threading.Thread(target=send, daemon=True)
        worker.start()
        worker.join(timeout=10)  # hang guard, not a performance threshold
        assert not worker.is_alive(), "enqueue hung on a dead broker"
    assert result["value"] is False


@pytest.fixture
def silent_broker():
    with silent_server() as url:
        yield url


def test_enqueue_returns_false_on_broker_that_accepts_and_never_answers(world, silent_broker):
    result: dict = {}

    def send():
        with schema_context("alpha"):
            result["value"] = enqueue(schema_of_task, "lost")

    with real_broker(silent_broker):
        worker = threading.Thread(target=send, daemon=True)
        worker.start()
        worker.join(timeout=10)  # hang guard, not a performance threshold
        assert not worker.is_alive(), "enqueue hung on a broker that never answers"
    assert result["value"] is False


@pytest.mark.timeout(60)  # hang guard, not a performance threshold
def test_enqueue_pays_an_unanswering_broker_once_then_backs_off(world):
    """Issue 7 §1.1: a request raising several notifications while Redis is paused waits for the
    broker once; the next sends are skipped (their outbox rows stay for outbox_flush)."""
    accepted: list = []
    with silent_server(accepted) as url, real_broker(url), schema_context("alpha"):
        assert enqueue(schema_of_task, "first") is False
        connections_after_first = len(accepted)
        assert [enqueue(schema_of_task, "next") for _ in range(3)] == [False, False, False]
        assert len(accepted) == connections_after_first >= 1
