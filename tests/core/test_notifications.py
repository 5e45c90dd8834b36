"""Notifications: in-app on every page of the tenant's host only, raised once per dedupe key (C-17),
e-mail through the outbox that survives a Redis outage (DESIGN.md "nothing is lost")."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
import redis
from django.core import mail
from django.test import Client
from django.utils import timezone

from core import outage
from core.notifications.models import Notification, OutboxMessage
from core.notifications.services import REQUEUE_AFTER, notification_send, outbox_flush
from core.notifications.tasks import outbox_deliver
from core.settings.env import kombu_url
from tests.conftest import host_of
from tests.core.broker import own_redis as own_redis_server
from tests.core.broker import queued_messages, real_broker

pytestmark = pytest.mark.django_db


def _user(world, tenant, role="cs_staff"):
    return world.users[(tenant.slug, role)]


def test_in_app_notification_on_every_page_of_its_tenant(world, client_for):
    notification_send(users=[_user(world, world.alpha)], tenant=world.alpha, title="投诉 #7 即将超时",
                      url="/complaints/7/", email=False)
    client = client_for(world.alpha, "cs_staff")
    for path in ("/", "/notifications/"):
        html = client.get(path).content.decode()
        assert "投诉 #7 即将超时" in html, path
        assert '<span id="unread-count">1</span>' in html
    # another user of the same office does not see it
    assert "投诉 #7 即将超时" not in client_for(world.alpha, "cs_leader").get("/").content.decode()


def test_notification_not_shown_on_another_tenants_host_R04(world):
    from tenants.services import membership_grant

    user = _user(world, world.alpha)
    membership_grant(user=user, tenant=world.beta, role="cs_staff")  # same person works at beta too
    notification_send(users=[user], tenant=world.alpha, title="阿尔法的通知", email=False)
    on_beta = Client(HTTP_HOST=host_of(world.beta))
    on_beta.force_login(user)
    assert on_beta.get("/").status_code == 200
    assert "阿尔法的通知" not in on_beta.get("/").content.decode()
    assert "阿尔法的通知" not in on_beta.get("/notifications/").content.decode()
    on_alpha = Client(HTTP_HOST=host_of(world.alpha))
    on_alpha.force_login(user)
    assert "阿尔法的通知" in on_alpha.get("/").content.decode()


def test_mark_read_removes_it_from_the_shell(world, client_for):
    [note] = notification_send(users=[_user(world, world.alpha)], tenant=world.alpha, title="请查看", email=False)
    client = client_for(world.alpha, "cs_staff")
    assert client.post(f"/notifications/{note.pk}/read/").status_code == 302
    assert '<span id="unread-count">0</span>' in client.get("/").content.decode()
    # someone else's notification cannot be marked read by id
    [other] = notification_send(users=[_user(world, world.alpha, "cs_leader")], tenant=world.alpha,
                                title="别人的", email=False)
    client.post(f"/notifications/{other.pk}/read/")
    other.refresh_from_db()
    assert other.read_at is None


def test_dedupe_key_gives_one_notification_and_one_email_C17(world):
    user = _user(world, world.alpha)
    for _ in range(3):
        notification_send(users=[user], tenant=world.alpha, title="即将到期", dedupe_key="complaint:12:due")
    assert Notification.objects.filter(user=user, dedupe_key="complaint:12:due").count() == 1
    assert OutboxMessage.objects.filter(recipient=user.email).count() == 1


def test_dedupe_key_is_per_tenant(world):
    from tenants.services import membership_grant

    user = _user(world, world.alpha, "cs_leader")
    membership_grant(user=user, tenant=world.beta, role="cs_leader")
    notification_send(users=[user], tenant=world.alpha, title="alpha #12", dedupe_key="complaint:12:due")
    notification_send(users=[user], tenant=world.beta, title="beta #12", dedupe_key="complaint:12:due")
    assert Notification.objects.filter(user=user, dedupe_key="complaint:12:due").count() == 2


@pytest.fixture
def own_redis():
    with own_redis_server() as server:
        yield server


def _deliver_queued(client: redis.Redis) -> list[int]:
    """What a worker would do: run outbox_deliver's body for each queued delivery message."""
    ids = []
    for message in queued_messages(client, "email"):
        assert message["headers"]["task"] == "core.notifications.tasks.outbox_deliver"
        assert message["headers"]["_schema_name"] == "public"
        args, kwargs, _ = json.loads(base64.b64decode(message["body"]))
        outbox_deliver.run(*args, **kwargs)
        ids.extend(args)
    return ids


def test_outbox_survives_redis_outage_and_flush_delivers(world, own_redis, django_capture_on_commit_callbacks):
    user = _user(world, world.alpha, "office_director")
    client = redis.Redis(unix_socket_path=str(own_redis["sock"]))
    with real_broker(kombu_url(f"unix://{own_redis['sock']}")):
        with django_capture_on_commit_callbacks(execute=True):
            notification_send(users=[user], tenant=world.alpha, title="第一条")
        first = OutboxMessage.objects.get(subject="第一条")
        assert len(queued_messages(client, "email")) == 1  # queued right after commit
        assert first.queued_at is not None

        own_redis["stop"]()
        with django_capture_on_commit_callbacks(execute=True):
            [note] = notification_send(users=[user], tenant=world.alpha, title="第二条")  # must not raise
        second = OutboxMessage.objects.get(subject="第二条")
        assert note.pk and second.status == OutboxMessage.PENDING and second.attempts == 0
        assert second.queued_at is None
        assert outbox_flush() == 0  # still down: flushing does not fail either

        own_redis["start"]()  # a fresh server: what was queued before the crash is gone
        outage.reset_all()  # the broker back-off (core.outage) ends: here at once, in production within seconds
        client = redis.Redis(unix_socket_path=str(own_redis["sock"]))
        assert queued_messages(client, "email") == []
        assert outbox_flush() == 1  # the one never queued; the first was queued moments ago
        assert outbox_flush() == 0  # no pile of copies on every beat
        # minutes later the first is still pending (its task died with the old server): queued again
        OutboxMessage.objects.filter(pk=first.pk).update(queued_at=timezone.now() - REQUEUE_AFTER
                                                         - timedelta(seconds=1))
        assert outbox_flush() == 1
        assert sorted(_deliver_queued(client)) == sorted([first.pk, second.pk])

    second.refresh_from_db()
    assert second.status == OutboxMessage.SENT and second.sent_at is not None and second.attempts == 1
    assert sorted(m.subject for m in mail.outbox) == ["第一条", "第二条"]
    assert mail.outbox[0].to == [user.email]
    assert outbox_flush() == 0  # nothing pending any more: no second e-mail


def test_smtp_failure_keeps_message_pending_then_failed(world, monkeypatch):
    from core.notifications import services

    message = services.outbox_enqueue(recipient="a@example.com", subject="s", body="b")

    def refuse(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(services, "send_mail", refuse)
    assert services.outbox_deliver_message(message_id=message.pk) is False
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxMessage.PENDING, 1, "smtp down")
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=services.MAX_ATTEMPTS - 1)
    services.outbox_deliver_message(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.FAILED
    assert services.outbox_deliver_message(message_id=message.pk) is False  # never retried again
    assert mail.outbox == []


def test_mark_read_is_scoped_to_the_hosts_tenant_R04(world):
    """Issue 7 §2.8: the same person in two offices: marking on alpha's host never touches beta's
    notification, and an id the user does not own on this host is a 404, not a redirect."""
    from tenants.services import membership_grant

    user = _user(world, world.alpha, "cs_supervisor")
    membership_grant(user=user, tenant=world.beta, role="cs_supervisor")
    [on_beta] = notification_send(users=[user], tenant=world.beta, title="贝塔的通知", email=False)
    [not_mine] = notification_send(users=[_user(world, world.alpha, "cs_leader")], tenant=world.alpha,
                                   title="别人的", email=False)
    client = Client(HTTP_HOST=host_of(world.alpha))
    client.force_login(user)
    assert client.post(f"/notifications/{on_beta.pk}/read/").status_code == 404
    assert client.post(f"/notifications/{not_mine.pk}/read/").status_code == 404
    assert client.post("/notifications/999999999/read/").status_code == 404
    on_beta.refresh_from_db()
    not_mine.refresh_from_db()
    assert on_beta.read_at is None and not_mine.read_at is None


def test_c04_sent_to_roles_reaches_active_members_of_those_roles_once_with_their_emails(
        world, django_capture_on_commit_callbacks):
    """Issue 8 goal 4: `notification_send_to_roles` reads the members in the statement that writes their
    notifications; who is told is what reading the memberships first gave (C-04)."""
    from core.notifications.services import notification_send_to_roles
    from tenants.models import Membership

    officer, supervisor = _user(world, world.alpha, "duty_officer"), _user(world, world.alpha, "cs_supervisor")
    leader = _user(world, world.alpha, "cs_leader")
    Membership.objects.filter(user=leader, tenant=world.alpha).update(role="duty_officer", is_active=False)

    def send(**extra):
        return notification_send_to_roles(tenant=world.alpha, title="新投诉 TS-1", body="内容", url="/complaints/1/",
                                          dedupe_key="roles-test", **{"roles": ["duty_officer", "cs_supervisor"],
                                                                       **extra})

    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert send(exclude_user_ids=[supervisor.pk, None]) == 1
    told = Notification.objects.filter(dedupe_key="roles-test")
    assert [(n.user, n.tenant, n.title, n.url) for n in told] == [(officer, world.alpha, "新投诉 TS-1", "/complaints/1/")]
    [message] = OutboxMessage.objects.filter(subject="新投诉 TS-1")
    assert message.recipient == officer.email and message.body.endswith(f"http://{host_of(world.alpha)}/complaints/1/")
    assert len(queued) == 1  # its delivery, after commit
    assert send() == 1  # the supervisor now; the officer was told already
    assert send() == 0 and Notification.objects.filter(dedupe_key="roles-test", tenant=world.alpha).count() == 2
    assert notification_send_to_roles(tenant=world.beta, roles=["duty_officer"], title="t", dedupe_key="roles-test",
                                      email=False) == 1  # the same key on another office is another notification
    assert not Notification.objects.filter(user=leader).exists()  # an ended membership hears nothing
