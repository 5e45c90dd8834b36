"""Raising notifications. Modules call `notification_send`; nothing else writes these tables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import NotFound
from core.notifications.models import Notification, OutboxMessage
from core.tasks import enqueue

MAX_ATTEMPTS = 10
REQUEUE_AFTER = timedelta(minutes=5)


def notification_send(*, users: Iterable, tenant, title: str, body: str = "", url: str = "",
                      dedupe_key: str | None = None, email: bool = True) -> list[Notification]:
    """In-app notification for each user (once per `dedupe_key`), and an e-mail through the outbox.

    A user who already has a notification with this dedupe_key on this tenant gets nothing new (keys
    are per tenant: complaint #12 of alpha is not complaint #12 of beta). Reminders that a
    periodic task raises again and again reach each person once (C-17).

    Issue 8 goal 4: two statements for any number of people, whatever the caller's transaction — the
    notifications in one `INSERT … ON CONFLICT DO NOTHING RETURNING` (the unique (user, tenant,
    dedupe_key) constraint drops whoever was already told, without a savepoint per person), the e-mails
    in one `bulk_create` — and the link's primary domain read once per tenant object. Each e-mail's
    delivery is still queued on its own after commit (`outbox_queue`)."""
    users = list(users)
    if dedupe_key is not None:  # the second copy of a person would be "already told"
        users = list({user.pk: user for user in users}.values())
    if not users:
        return []
    now = timezone.now()
    told = _notifications_insert(users=users, tenant=tenant, title=title, body=body, url=url,
                                 dedupe_key=dedupe_key, now=now)
    created = [Notification(pk=pk, user=user, tenant=tenant, title=title, body=body, url=url,
                            dedupe_key=dedupe_key, created_at=now) for pk, user in told]
    _emails_write(tenant=tenant, title=title, body=body, url=url,
                  recipients=[note.user.email for note in created if email and note.user.email])
    return created


def _emails_write(*, tenant, title: str, body: str, url: str, recipients: list[str]) -> None:
    """The e-mails of one notification, one outbox row each in one statement; each delivery queued on its
    own after commit."""
    if not recipients:
        return
    link = absolute_url(tenant=tenant, url=url)
    messages = OutboxMessage.objects.bulk_create([
        OutboxMessage(recipient=recipient, subject=title, body=f"{body}\n\n{link}".strip())
        for recipient in recipients])
    for message in messages:
        transaction.on_commit(partial(outbox_queue, message_id=message.pk))


_INSERT_FOR_ROLES = """WITH told AS (
    INSERT INTO {table} (user_id, tenant_id, title, body, url, dedupe_key, created_at)
    SELECT m.user_id, m.tenant_id, %s, %s, %s, %s, %s FROM {members} m
    WHERE m.tenant_id = %s AND m.is_active AND m.role = ANY(%s) AND m.user_id <> ALL(%s) ORDER BY m.user_id
    ON CONFLICT DO NOTHING
    RETURNING id, user_id)
SELECT told.id, u.email FROM told JOIN {users} u ON u.id = told.user_id ORDER BY told.id
"""


def notification_send_to_roles(*, tenant, roles, title: str, body: str = "", url: str = "",
                               dedupe_key: str | None = None, email: bool = True, exclude_user_ids=()) -> int:
    """`notification_send` to the active members of `tenant` holding one of `roles` (but the users in
    `exclude_user_ids`), each once per `dedupe_key`: the members are read by the statement that writes
    their notifications and gives back their addresses (issue 8 goal 4: one statement where reading the
    members and their accounts, then writing, were two), plus one for the e-mails. Returns how many."""
    from tenants.models import Membership, User

    quote = connection.ops.quote_name
    sql = _INSERT_FOR_ROLES.format(table=quote(Notification._meta.db_table),
                                   members=quote(Membership._meta.db_table), users=quote(User._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [title, body, url, dedupe_key, timezone.now(), tenant.pk, list(roles),
                             [pk for pk in exclude_user_ids if pk is not None]])
        told = cursor.fetchall()
    if email:
        _emails_write(tenant=tenant, title=title, body=body, url=url, recipients=[e for _pk, e in told if e])
    return len(told)


_INSERT_ONCE = """INSERT INTO {table} (user_id, tenant_id, title, body, url, dedupe_key, created_at)
SELECT m.user_id, %s, %s, %s, %s, %s, %s FROM unnest(%s::bigint[]) WITH ORDINALITY AS m(user_id, n) ORDER BY m.n
ON CONFLICT DO NOTHING
RETURNING id, user_id
"""


def _notifications_insert(*, users: list, tenant, title: str, body: str, url: str, dedupe_key: str | None,
                          now) -> list[tuple[int, object]]:
    """(id, user) of each notification written, in the order of `users`; a person already told with
    `dedupe_key` on `tenant` is left out (a NULL key never conflicts)."""
    table = connection.ops.quote_name(Notification._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_ONCE.format(table=table),
                       [tenant.pk, title, body, url, dedupe_key, now, [user.pk for user in users]])
        rows = cursor.fetchall()
    ids_by_user: dict[int, list[int]] = {}
    for pk, user_id in sorted(rows):  # ids follow the insertion order
        ids_by_user.setdefault(user_id, []).append(pk)
    told = []
    for user in users:
        ids = ids_by_user.get(user.pk)
        if ids:
            told.append((ids.pop(0), user))
    return told


def absolute_url(*, tenant, url: str) -> str:
    """The link an e-mail carries: `SITE_SCHEME://<tenant primary domain>[:SITE_PORT]/path`. A mail
    client has no page to resolve `/center/cases/3/` against; the in-app notification keeps `url` as is.
    A url that is already absolute, or a tenant without a primary domain, leaves `url` unchanged."""
    if not url or not url.startswith("/") or url.startswith("//"):
        return url
    return site_link(domain=primary_domain(tenant), url=url)


def primary_domain(tenant) -> str | None:
    """The tenant's primary domain, read once per tenant object (issue 8 goal 4): a request's tenant comes
    from the routing map (tenants/routing.py), whose objects are replaced whenever a Domain or Tenant
    changes, so the value kept on it is as current as the routing itself. A tenant without one is asked
    again next time (its domain may be written later in the same creation)."""
    if not tenant:
        return None
    domain = tenant.__dict__.get("_primary_domain")
    if domain is None:
        domain = tenant.domains.filter(is_primary=True).values_list("domain", flat=True).first()
        if domain is not None:
            tenant.__dict__["_primary_domain"] = domain
    return domain


def site_link(*, domain: str | None, url: str) -> str:
    """`url` on `domain` (see absolute_url); unchanged without a domain or when not a site path."""
    if not domain or not url or not url.startswith("/") or url.startswith("//"):
        return url
    port = str(getattr(settings, "SITE_PORT", "") or "").strip()
    scheme = getattr(settings, "SITE_SCHEME", "http") or "http"
    return f"{scheme}://{domain}{':' + port if port else ''}{url}"


def outbox_enqueue(*, recipient: str, subject: str, body: str) -> OutboxMessage:
    """The e-mail as a row of this transaction; its delivery task is queued after commit."""
    message = OutboxMessage.objects.create(recipient=recipient, subject=subject, body=body)
    transaction.on_commit(partial(outbox_queue, message_id=message.pk))
    return message


def outbox_queue(*, message_id: int) -> bool:
    """Queue the delivery task (always as `public`, where the outbox lives) and note when. False,
    with the row left pending and unqueued, when the broker is down."""
    from core.notifications.tasks import outbox_deliver

    if not enqueue(outbox_deliver, message_id, schema_name="public"):
        return False
    OutboxMessage.objects.filter(pk=message_id).update(queued_at=timezone.now())
    return True


def outbox_deliver_message(*, message_id: int) -> bool:
    """Send one pending message; the row is locked so two workers never send it twice."""
    with transaction.atomic():
        message = (OutboxMessage.objects.select_for_update(skip_locked=True)
                   .filter(pk=message_id, status=OutboxMessage.PENDING).first())
        if message is None:
            return False
        message.attempts += 1
        try:
            send_mail(message.subject, message.body, None, [message.recipient])
        except Exception as exc:  # SMTP trouble: keep it for the next flush
            message.last_error = str(exc)[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.FAILED
            message.save(update_fields=["attempts", "last_error", "status"])
            return False
        message.status, message.sent_at = OutboxMessage.SENT, timezone.now()
        message.save(update_fields=["attempts", "status", "sent_at"])
        return True


def outbox_deliver_each(*, message_ids: list[int]) -> int:
    """Deliver a chunk of pending messages (a clock batch's e-mails): the rows locked together
    (`skip_locked`: another worker's are left to it), one connection to the mail server for all, each
    message sent on its own (one that fails is kept for the next flush, the others still go), and the
    outcome written in two statements. Returns how many were sent."""
    with transaction.atomic():
        messages = list(OutboxMessage.objects.select_for_update(skip_locked=True)
                        .filter(pk__in=message_ids, status=OutboxMessage.PENDING).order_by("id"))
        if not messages:
            return 0
        sent, failed = _send_each(messages)
        OutboxMessage.objects.filter(pk__in=[m.pk for m in sent]).update(
            status=OutboxMessage.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1)
        if failed:
            OutboxMessage.objects.bulk_update(failed, ["attempts", "last_error", "status"])
    return len(sent)


def _send_each(messages: list[OutboxMessage]) -> tuple[list, list]:
    sent, failed = [], []
    mail = get_connection()
    try:
        mail.open()
    except Exception as exc:  # the mail server is unreachable: every message waits for the next flush
        return [], [_failed(m, exc) for m in messages]
    try:
        for message in messages:
            try:
                mail.send_messages([EmailMessage(message.subject, message.body, None, [message.recipient])])
            except Exception as exc:  # this message only
                failed.append(_failed(message, exc))
            else:
                sent.append(message)
    finally:
        mail.close()
    return sent, failed


def _failed(message: OutboxMessage, exc: Exception) -> OutboxMessage:
    message.attempts += 1
    message.last_error = str(exc)[:2000]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxMessage.FAILED
    return message


def outbox_flush(*, limit: int = 500) -> int:
    """Queue a delivery task for every pending message that was never queued, or was queued more
    than REQUEUE_AFTER ago (lost with a crashed Redis, or a failed SMTP attempt to retry). Messages
    queued just now are left alone, so a worker outage does not pile up copies every beat. Each row
    on its own (core.sweeps): one that fails is logged and the others are still queued."""
    from core.sweeps import for_each_row

    stale = timezone.now() - REQUEUE_AFTER
    pending = (OutboxMessage.objects.filter(status=OutboxMessage.PENDING)
               .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
               .order_by("id").values_list("pk", flat=True)[:limit])
    return for_each_row(name="outbox flush", rows=list(pending),
                        handle=lambda pk: int(outbox_queue(message_id=pk)))  # one bad row never stops the rest


def notification_mark_read(*, user, tenant, notification_id: int) -> Notification:
    """Mark one of the user's notifications on this host's tenant read (again is a no-op). Another
    user's, or the same user's on another tenant (R-04), is NotFound: nothing is marked."""
    note = Notification.objects.filter(user=user, tenant_id=tenant.pk, pk=notification_id).first()
    if note is None:
        raise NotFound(_("没有这条通知。"))
    if note.read_at is None:
        Notification.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=timezone.now())
        note.refresh_from_db(fields=["read_at"])
    return note
