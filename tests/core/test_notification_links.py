"""Notification e-mails carry absolute links to the tenant's primary domain; the in-app
notification keeps the relative one (a mail client has no page to resolve `/x/` against)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from core.notifications.models import Notification, OutboxMessage
from core.notifications.services import absolute_url, notification_send
from tests.conftest import host_of

pytestmark = pytest.mark.django_db


def _send(world, key):
    user = world.users[(world.alpha.slug, "cs_staff")]
    notification_send(users=[user], tenant=world.alpha, title=f"链接 {key}", body="请处理",
                      url="/complaints/7/", dedupe_key=f"link-test-{key}")
    return user, OutboxMessage.objects.filter(subject=f"链接 {key}").get()


@override_settings(SITE_SCHEME="https", SITE_PORT="8443")
def test_email_body_carries_absolute_url_with_scheme_and_port(world):
    user, message = _send(world, "port")
    assert f"https://{host_of(world.alpha)}:8443/complaints/7/" in message.body
    note = Notification.objects.get(user=user, dedupe_key="link-test-port")
    assert note.url == "/complaints/7/"


@override_settings(SITE_SCHEME="http", SITE_PORT="")
def test_email_body_without_port(world):
    _user, message = _send(world, "noport")
    assert message.body.endswith(f"http://{host_of(world.alpha)}/complaints/7/")


def test_absolute_url_leaves_absolute_and_empty_urls(world):
    assert absolute_url(tenant=world.alpha, url="") == ""
    assert absolute_url(tenant=world.alpha, url="https://example.com/x/") == "https://example.com/x/"
