"""Sending Celery tasks safely from services (DESIGN.md convention 2)."""

from __future__ import annotations

import logging

from django.db import connection, transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args, schema_name: str | None = None, **kwargs) -> bool:
    """Send `task` now in the given (or current) schema. Returns False, logging, if the broker is down."""
    headers = {"_schema_name": schema_name or connection.schema_name}
    try:
        task.apply_async(args=args, kwargs=kwargs, headers=headers)
    except Exception:  # broker unreachable: callers that must not lose work keep an outbox row
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
