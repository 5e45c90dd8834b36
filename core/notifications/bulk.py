"""The bulk path of notifications (issue 8 goal 3): a clock run tells a whole batch of rows at once.

One statement writes the in-app rows (`INSERT … ON CONFLICT DO NOTHING RETURNING`: the unique
`(user, tenant, dedupe_key)` constraint drops whoever was already told, even by another worker at the
same moment), one `bulk_create` writes the outbox rows of those newly told, and after commit their
delivery is queued in chunks, one task per chunk, on the e-mail queue. The cost is a constant number
of statements per batch, whatever the number of rows or people."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from core.notifications.models import Notification, OutboxMessage

DELIVERY_CHUNK = 100


@dataclass(frozen=True)
class Message:
    """One in-app notification for one user; `key` is required (it is what makes it once-only)."""

    user: object
    title: str
    key: str
    body: str = ""
    url: str = ""
    email: bool = True


_INSERT = """INSERT INTO {table} (user_id, tenant_id, title, body, url, dedupe_key, created_at)
SELECT m.user_id, %s, m.title, m.body, m.url, m.dedupe_key, %s
FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[])
     AS m(user_id, title, body, url, dedupe_key)
ON CONFLICT DO NOTHING
RETURNING user_id, dedupe_key
"""


def notifications_send_bulk(*, tenant, messages: list[Message]) -> int:
    """Write `messages` for `tenant` (each (user, key) once) and their e-mails; returns how many
    notifications are new. Runs in the caller's transaction; delivery is queued after it commits."""
    unique = list({(m.user.pk, m.key): m for m in messages}.values())
    if not unique:
        return 0
    told = _insert_notifications(tenant=tenant, messages=unique)
    by_key = {(m.user.pk, m.key): m for m in unique}
    new = [by_key[pair] for pair in told]
    _outbox_write(tenant=tenant, messages=[m for m in new if m.email and m.user.email])
    return len(new)


def _insert_notifications(*, tenant, messages: list[Message]) -> list[tuple]:
    table = connection.ops.quote_name(Notification._meta.db_table)
    columns = ([m.user.pk for m in messages], [m.title[:200] for m in messages], [m.body for m in messages],
               [m.url[:500] for m in messages], [m.key for m in messages])
    with connection.cursor() as cursor:
        cursor.execute(_INSERT.format(table=table), [tenant.pk, timezone.now(), *columns])
        return [tuple(row) for row in cursor.fetchall()]


def _outbox_write(*, tenant, messages: list[Message]) -> None:
    from core.notifications.services import primary_domain, site_link

    if not messages:
        return
    domain = primary_domain(tenant) if any(m.url for m in messages) else None
    rows = OutboxMessage.objects.bulk_create([
        OutboxMessage(recipient=m.user.email, subject=m.title[:200],
                      body=f"{m.body}\n\n{site_link(domain=domain, url=m.url)}".strip())
        for m in messages])
    ids = [row.pk for row in rows]
    for start in range(0, len(ids), DELIVERY_CHUNK):
        chunk = ids[start:start + DELIVERY_CHUNK]
        transaction.on_commit(lambda chunk=chunk: outbox_queue_many(message_ids=chunk))


def outbox_queue_many(*, message_ids: list[int]) -> bool:
    """Queue one delivery task for these messages (as `public`, where the outbox lives) and note when.
    False, the rows left pending and unqueued for `outbox_flush`, when the broker is down."""
    from core.notifications.tasks import outbox_deliver_many
    from core.tasks import enqueue

    if not enqueue(outbox_deliver_many, message_ids, schema_name="public"):
        return False
    OutboxMessage.objects.filter(pk__in=message_ids).update(queued_at=timezone.now())
    return True
