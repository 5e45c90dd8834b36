"""What the periodic jobs that are not deadlines share (the daily shift instances D-01, the outbox flush;
issue 7 §1.5): failures are isolated per office and per row. Deadlines are clocks (core/clocks), never
a loop written with these helpers. An office that fails is logged and the other offices are still swept;
a row that fails is rolled back alone (its own savepoint) and logged, and the other rows are still
handled. The log line goes through `logging.exception`, so Sentry reports it too."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from django_tenants.utils import schema_context

logger = logging.getLogger(__name__)


def for_each_office(*, name: str, sweep: Callable, offices: Iterable | None = None) -> dict[str, int]:
    """`sweep(office=office)` in each active office's schema (or in `offices`), one transaction per
    office. Returns {schema_name: result} for the offices that succeeded."""
    from tenants.selectors import office_list

    results = {}
    for office in office_list() if offices is None else offices:
        try:
            with schema_context(office.schema_name), transaction.atomic():
                results[office.schema_name] = sweep(office=office)
        except Exception:
            logger.exception("%s failed for office %s", name, office.schema_name)
    return results


def for_each_row(*, name: str, rows: Iterable, handle: Callable) -> int:
    """`handle(row)` for each row, each in its own savepoint. `handle` returns None (the row counts
    as 1) or how much it did (an int: 0 for a row it looked at and left alone). Returns the total over
    the rows that succeeded."""
    done = 0
    for row in rows:
        try:
            with transaction.atomic():
                result = handle(row)
        except Exception:
            logger.exception("%s failed for %s", name, _label(row))
            continue
        done += 1 if result is None else int(result)
    return done


def _label(row) -> str:
    meta = getattr(row, "_meta", None)
    return f"{meta.label} {row.pk}" if meta is not None else repr(row)
