"""Sending Celery tasks safely from services (DESIGN.md convention 2)."""

from __future__ import annotations

import logging

from django.db import connection, transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from core.outage import Backoff

logger = logging.getLogger(__name__)
_broker_down = Backoff("broker")
BROKER_ERRORS = (OperationalError, RedisError, OSError)


def enqueue(task, *args, schema_name: str | None = None, **kwargs) -> bool:
    """Send `task` now in the given (or current) schema. Returns False, logging, if the broker is down.

    After a broker failure, sending is skipped for a while (core.outage), so a request that raises
    several notifications pays the broker's timeout once, not once per message (issue 7 §1.1);
    callers that must not lose work keep an outbox row (`outbox_flush` queues it later)."""
    if _broker_down.active():
        logger.info("broker down: %s not queued", task.name)
        return False
    headers = {"_schema_name": schema_name or connection.schema_name}
    try:
        task.apply_async(args=args, kwargs=kwargs, headers=headers)
    except BROKER_ERRORS as exc:
        logger.warning("could not queue %s", task.name, exc_info=True)
        _broker_down.trip(exc)
        return False
    except Exception:  # anything else (an eager task failing in tests) is not an outage
        logger.warning("could not queue %s", task.name, exc_info=True)
        return False
    return True


def enqueue_on_commit(task, *args, schema_name: str | None = None, **kwargs) -> None:
    """Send `task` after the current transaction commits, in `schema_name` or the schema that is
    current *now*.

    django-tenants trap: a callback run at commit after the schema was switched back would send the
    task as `public`; capturing the schema here keeps it right."""
    schema_name = schema_name or connection.schema_name
    transaction.on_commit(lambda: enqueue(task, *args, schema_name=schema_name, **kwargs))
