"""The clock engine (DESIGN.md "Clocks"; issue 8 goal 3): for each clock of the current tenant, lock
the rows at each threshold with `skip_locked`, handle each row isolated from the others (one that raises
is rolled back alone, logged and skipped: the batch runs in one savepoint, and if a row raises, again
row by row, each in its own savepoint), and write the notifications of the whole batch in bulk, keyed
`(schema, clock, row id, due time, threshold)`, so nothing is told twice even by two workers at once.

Batches are keyset-paged on (due time, id), each in its own transaction: a long run never holds
thousands of row locks, and a row another worker holds is skipped, not waited for."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Case, CharField, Q, Value, When
from django.utils import timezone

from core.clocks.members import Members
from core.clocks.registry import Clock, Notice, Threshold, clock_get, clocks_for
from core.notifications.bulk import Message, notifications_send_bulk

logger = logging.getLogger(__name__)


def current_tenant():
    """The tenant of the connection's schema (set by the request, the task, or schema_context)."""
    from tenants.models import Tenant

    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Tenant) and tenant.schema_name == connection.schema_name:
        return tenant
    return Tenant.objects.get(schema_name=connection.schema_name)


def clock_leads(clocks, *, now: datetime) -> dict:
    """The catalog values of every threshold setting of `clocks` in force at `now`, in one query."""
    from modules.catalog.selectors import setting_values

    keys = set().union(*(clock.settings() for clock in clocks)) if clocks else set()
    return setting_values(sorted(keys), at=now) if keys else {}


def clocks_run_here(*, now: datetime | None = None, names=None, leads: dict | None = None,
                    tenant=None) -> dict[str, int]:
    """Every clock of the current tenant's type, here: {clock name: rows handled}. One clock that
    fails is logged and the others still run. The fan-out passes `now` and `leads` (the catalog's
    threshold values, read once for every office); without them they are read here."""
    tenant, now = tenant or current_tenant(), now or timezone.now()
    clocks = clocks_for(tenant_type=tenant.type, names=names)
    leads = leads if leads is not None else clock_leads(clocks, now=now)
    members, results = Members(tenant), {}
    for clock in clocks:
        try:
            results[clock.name] = _run(clock=clock, tenant=tenant, now=now, leads=leads, members=members)
        except Exception:
            logger.exception("clock %s failed in %s", clock.name, tenant.schema_name)
    return results


def clock_run(*, name: str, now: datetime | None = None, tenant=None) -> int:
    """One clock in the current schema; returns the rows handled."""
    tenant, now, clock = tenant or current_tenant(), now or timezone.now(), clock_get(name)
    return _run(clock=clock, tenant=tenant, now=now, leads=clock_leads([clock], now=now), members=Members(tenant))


def _run(*, clock: Clock, tenant, now: datetime, leads: dict, members: Members) -> int:
    """Batches of due rows, each in its own transaction, until none is left. A quiet clock costs one
    unlocked look (no transaction)."""
    windows = clock.windows(now, leads)
    due = clock.rows().filter(_any(windows))
    if not due.exists():
        return 0
    handled, after = 0, None
    while True:
        with transaction.atomic():
            batch = list(_locked(clock=clock, due=due, windows=windows, after=after))
            done, messages = _handle_batch(clock=clock, batch=batch, now=now, tenant=tenant, members=members)
            notifications_send_bulk(tenant=tenant, messages=messages)
        handled += done
        if len(batch) < clock.batch_size:
            return handled
        after = (getattr(batch[-1], clock.due_field), batch[-1].pk)


def _handle_batch(*, clock: Clock, batch: list, now: datetime, tenant, members: Members) -> tuple[int, list]:
    """Every row's handler: first all in one savepoint (two statements per batch rather than per row);
    if any row raises, that savepoint is rolled back and the batch is handled again from fresh copies of
    its (still locked) rows, each row in its own savepoint, so the bad row is logged and skipped alone."""
    if not batch:
        return 0, []
    at = {row.pk: _threshold(clock, row) for row in batch}
    try:
        with transaction.atomic():
            messages = [m for row in batch
                        for m in _messages_of(clock=clock, threshold=at[row.pk], row=row, now=now, tenant=tenant,
                                              members=members)]
            return len(batch), messages
    except Exception:
        logger.info("clock %s: a row failed in %s; handling the batch row by row", clock.name, tenant.schema_name)
    fresh = clock.rows().filter(pk__in=list(at)).order_by(clock.due_field, "pk")
    done, messages = 0, []
    for row in fresh:
        told = _handle(clock=clock, threshold=at[row.pk], row=row, now=now, tenant=tenant, members=members)
        if told is not None:
            done, messages = done + 1, messages + told
    return done, messages


def _any(windows) -> Q:
    q = Q()
    for _at, window in windows:
        q |= window
    return q


def _threshold(clock: Clock, row) -> Threshold:
    return next(t for t in clock.thresholds if t.name == row.clock_threshold)


def _locked(*, clock: Clock, due, windows, after):
    """The next batch of due rows, locked (`skip_locked`: a row another worker holds is left to it),
    each annotated with the latest threshold it is at; keyset-paged on (due time, id)."""
    if after is not None:
        last_due, last_pk = after
        due = due.filter(Q(**{f"{clock.due_field}__gt": last_due}) | Q(**{clock.due_field: last_due, "pk__gt": last_pk}))
    at = Case(*[When(window, then=Value(threshold.name)) for threshold, window in windows],
              output_field=CharField())
    return (due.annotate(clock_threshold=at).select_for_update(skip_locked=True, of=("self",))
            .order_by(clock.due_field, "pk")[:clock.batch_size])


def _handle(*, clock: Clock, threshold: Threshold, row, now: datetime, tenant, members: Members):
    """The row's handler and its recipients, in a savepoint; None (logged, rolled back) if it raised."""
    try:
        with transaction.atomic():
            return _messages_of(clock=clock, threshold=threshold, row=row, now=now, tenant=tenant, members=members)
    except Exception:
        logger.exception("clock %s failed for %s %s in %s", clock.name, row._meta.label, row.pk,
                         tenant.schema_name)
        return None


def _messages_of(*, clock: Clock, threshold: Threshold, row, now: datetime, tenant, members: Members) -> list:
    result = threshold.handle(row, now)
    notices = [] if result is None else [result] if isinstance(result, Notice) else list(result)
    return [message for notice in notices
            for message in _messages(clock=clock, threshold=threshold, row=row, notice=notice, tenant=tenant,
                                     members=members)]


def step_key(*, clock: Clock, threshold: Threshold, row) -> str:
    """`(schema, clock, row id, due time, threshold)`: one reminder per occurrence of a step."""
    if clock.key is not None:
        return clock.key(row, threshold.name)
    due = getattr(row, clock.due_field)
    return f"{connection.schema_name}:{clock.name}:{row.pk}@{int(due.timestamp())}:{threshold.name}"


def _messages(*, clock, threshold, row, notice: Notice, tenant, members: Members) -> list[Message]:
    users = notice.to(members) if callable(notice.to) else notice.to
    key = notice.key or step_key(clock=clock, threshold=threshold, row=row)
    return [Message(user=user, title=notice.title, key=key, body=notice.body, url=notice.url, email=notice.email)
            for user in users]
