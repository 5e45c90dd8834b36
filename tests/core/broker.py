"""Test helpers: point the project's Celery app at a real broker, with eager mode off."""

from __future__ import annotations

import json
from contextlib import contextmanager

import redis
from kombu import pools

from core.celery import app


def _reset_pools() -> None:
    """Forget pooled broker connections (kombu keeps a process-wide registry of them)."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def real_broker(url: str):
    """Within the block, tasks are published to `url` (kombu URL) instead of run eagerly."""
    saved = {key: app.conf[key] for key in ("broker_url", "broker_write_url", "task_always_eager")}
    _reset_pools()
    app.conf.update(broker_url=url, broker_write_url=url, task_always_eager=False)
    try:
        yield app
    finally:
        _reset_pools()
        app.conf.update(saved)


def queued_messages(client: redis.Redis, queue: str = "celery") -> list[dict]:
    """The kombu messages waiting in `queue`, oldest first (kombu LPUSHes, workers BRPOP)."""
    return [json.loads(raw) for raw in reversed(client.lrange(queue, 0, -1))]
