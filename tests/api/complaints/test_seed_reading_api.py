"""The seeds read faithfully, through the API (issue 7 §4): C-07, C-09, C-12, C-14, C-05/C-15."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.calendar import add_hours, add_working_days
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints/"


def post(client, pk, action, body):
    return client.post(f"{URL}{pk}/{action}/", body, content_type="application/json")


def test_agreed_reply_time_later_than_two_days_is_the_deadline_C07(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
    agreed = (timezone.now() + timedelta(days=9)).replace(microsecond=0)
    body = post(client_for(world.alpha, "cs_staff"), complaint.pk, "classify",
                {"classification": "valid", "agreed_reply_at": agreed.isoformat()}).json()
    assert parse_datetime(body["due_at"]) == agreed
    assert agreed > add_working_days(complaint.received_at, 2)


def test_invalid_explanation_due_two_hours_after_receipt_C09(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")], received_at=timezone.now() - timedelta(hours=3))
    body = post(client_for(world.alpha, "cs_staff"), complaint.pk, "classify", {"classification": "invalid"}).json()
    assert body["next_step"] == "explain"
    assert parse_datetime(body["due_at"]) == add_hours(complaint.received_at, 2)
    assert body["overdue"] is True


def test_classify_sent_twice_is_one_event_and_a_change_is_a_correction_C05_C15(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
    client = client_for(world.alpha, "cs_staff")
    for _ in range(2):
        assert post(client, complaint.pk, "classify", {"classification": "assisted"}).status_code == 200
    body = post(client, complaint.pk, "classify", {"classification": "valid"}).json()
    assert [e["kind"] for e in body["events"]] == ["registered", "classified", "reclassified"]
