"""The seeds read faithfully, through the API (issue 7 §4): C-07, C-09, C-12, C-14, C-05/C-15."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.calendar import add_hours, add_working_days
from core.clocks.engine import clock_run
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


def test_written_complaint_reply_needs_letter_and_another_means_C12(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")], channel="suggestion_box")
    client = client_for(world.alpha, "cs_staff")
    body = post(client, complaint.pk, "classify", {"classification": "valid"}).json()
    assert body["reply_methods"] == ["phone", "home_visit"] and body["reply_letter_required"] is True
    no_letter = post(client, complaint.pk, "reply", {"method": "phone"})
    assert no_letter.status_code == 400 and "letter_text" in no_letter.json()["error"]["fields"]
    letter_only = post(client, complaint.pk, "reply", {"method": "written", "letter_text": "答复"})
    assert letter_only.status_code == 400 and "method" in letter_only.json()["error"]["fields"]
    body = post(client, complaint.pk, "reply", {"method": "phone", "letter_text": "已处理，特此函复。"}).json()
    assert [(r["method"], r["letter_text"]) for r in body["replies"]] == [("phone", "已处理，特此函复。")]
    assert body["events"][-1]["data"]["written"] is True


def test_on_the_spot_case_is_answered_by_phone_C03_C12(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
    client = client_for(world.alpha, "cs_staff")
    body = post(client, complaint.pk, "handle-on-spot", {"solution": "已修复"}).json()
    assert body["reply_methods"] == ["phone"] and body["reply_letter_required"] is False
    refused = post(client, complaint.pk, "reply", {"method": "written", "letter_text": "函"})
    assert refused.status_code == 400 and "method" in refused.json()["error"]["fields"]
    assert post(client, complaint.pk, "reply", {"method": "phone"}).json()["status"] == "replied"


def test_follow_up_after_reply_is_due_and_goes_overdue_C14(client_for, world, in_tenant):
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
    client = client_for(world.alpha, "cs_staff")
    post(client, complaint.pk, "classify", {"classification": "valid"})
    body = post(client, complaint.pk, "reply", {"method": "phone"}).json()
    assert body["next_step"] == "close"
    assert parse_datetime(body["due_at"]) == add_working_days(parse_datetime(body["completed_at"]), 2)
    with in_tenant(world.alpha):
        Complaint.objects.filter(pk=complaint.pk).update(due_at=timezone.now() - timedelta(minutes=1))
        clock_run(name="complaints.step", now=timezone.now())
    body = client.get(f"{URL}{complaint.pk}/").json()
    assert body["overdue"] is True and body["overdue_at"] is not None


def test_reply_and_close_are_in_the_duty_log_D06(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
    client = client_for(world.alpha, "cs_staff")
    post(client, complaint.pk, "classify", {"classification": "valid"})
    post(client, complaint.pk, "reply", {"method": "phone", "opinion": "好", "satisfied": True})
    post(client, complaint.pk, "close", {"satisfied": True})
    with in_tenant(world.alpha):
        from modules.duty.models import LogEntry

        rows = list(LogEntry.objects.filter(source_type="complaint", source_id=complaint.pk)
                    .order_by("id").values_list("result", flat=True))
    assert rows == ["", "客户满意：好", "客户满意"]
