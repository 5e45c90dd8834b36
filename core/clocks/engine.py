"""The clock engine (DESIGN.md "Clocks"; issue 8 goal 3): for each clock of the current tenant, lock
the rows at each threshold with `skip_locked`, handle each row in its own savepoint (one that raises is
logged and skipped), and write the notifications of the whole batch in bulk, keyed
`(schema, clock, row id, due time, threshold)`, so nothing is told twice even by two workers at once.

Batches are keyset-paged on (due time, id), each in its own transaction: a long run never holds
thousands of row locks, and a row another worker holds is skipped, not waited for."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Q
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


def clocks_run_here(*, now: datetime | None = None, names=None) -> dict[str, int]:
    """Every clock of the current tenant's type, here: {clock name: rows handled}. One clock that
    fails is logged and the others still run."""
    tenant, now = current_tenant(), now or timezone.now()
    members, results = Members(tenant), {}
    for clock in clocks_for(tenant_type=tenant.type, names=names):
        try:
            results[clock.name] = _run(clock=clock, tenant=tenant, now=now, members=members)
        except Exception:
            logger.exception("clock %s failed in %s", clock.name, tenant.schema_name)
    return results


def clock_run(*, name: str, now: datetime | None = None, tenant=None, members: Members | None = None) -> int:
    """One clock in the current schema; returns the rows handled."""
    tenant = tenant or current_tenant()
    return _run(clock=clock_get(name), tenant=tenant, now=now or timezone.now(), members=members or Members(tenant))


def _run(*, clock: Clock, tenant, now: datetime, members: Members) -> int:
    handled = 0
    for threshold in reversed(clock.thresholds):  # the latest first: a row passed both is only overdue
        after = None
        while True:
            with transaction.atomic():
                batch = list(_due_rows(clock=clock, threshold=threshold, now=now, after=after))
                messages = []
                for row in batch:
                    told = _handle(clock=clock, threshold=threshold, row=row, now=now, tenant=tenant,
                                   members=members)
                    if told is not None:
                        handled += 1
                        messages += told
                notifications_send_bulk(tenant=tenant, messages=messages)
            if len(batch) < clock.batch_size:
                break
            after = (getattr(batch[-1], clock.due_field), batch[-1].pk)
    return handled


def _due_rows(*, clock: Clock, threshold: Threshold, now: datetime, after):
    rows = clock.rows().filter(clock.window(threshold, now))
    if after is not None:
        due, pk = after
        rows = rows.filter(Q(**{f"{clock.due_field}__gt": due}) | Q(**{clock.due_field: due, "pk__gt": pk}))
    return (rows.select_for_update(skip_locked=True, of=("self",))
            .order_by(clock.due_field, "pk")[:clock.batch_size])


def _handle(*, clock: Clock, threshold: Threshold, row, now: datetime, tenant, members: Members):
    """The row's handler and its recipients, in a savepoint; None (logged, rolled back) if it raised."""
    try:
        with transaction.atomic():
            result = threshold.handle(row, now)
            notices = [] if result is None else [result] if isinstance(result, Notice) else list(result)
            return [message for notice in notices
                    for message in _messages(clock=clock, threshold=threshold, row=row, notice=notice,
                                             tenant=tenant, members=members)]
    except Exception:
        logger.exception("clock %s failed for %s %s in %s", clock.name, row._meta.label, row.pk,
                         tenant.schema_name)
        return None


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
