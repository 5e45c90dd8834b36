"""Reads the complaint pages use (selectors only): the public timeline, the handlers and buildings of the
queue filters, and the office's on-time rate (C-17)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from modules.complaints import selectors, services
from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def test_public_timeline_needs_number_and_phone_and_hides_staff_notes_C01(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff, complainant_phone="13900139011")
        services.complaint_note(user=staff, complaint_id=complaint.pk, text="内部：住户情绪激动")
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        events = selectors.complaint_public_timeline(number=complaint.number.lower(), phone="139 0013 9011")
        assert selectors.complaint_public_timeline(number=complaint.number, phone="13900139012") == []
    assert [e["kind"] for e in events] == ["registered", "classified"]
    assert all(e["actor"] == "" and e["note"] == "" for e in events)


def test_handler_list_is_this_offices_complaints_handle_members_C04(world, in_tenant):
    from core.permissions import PERMISSIONS

    with in_tenant(world.alpha):
        handlers = selectors.complaint_handler_list(tenant=world.alpha)
    names = {h["user"].username for h in handlers}
    assert "alpha_cs_staff" in names and "alpha_duty_officer" in names
    assert "alpha_records_clerk" not in names and "alpha_cashier" not in names
    assert not any(n.startswith("beta_") for n in names)
    assert all(h["role"] in PERMISSIONS["complaints.handle"] for h in handlers)


def test_building_list_for_queue_filter_P02(world, in_tenant):
    with in_tenant(world.alpha):
        household_make(building="选择器测试楼")
        buildings = selectors.complaint_building_list()
    assert "选择器测试楼" in [name for _pk, name in buildings]


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=TZ)


def _due(staff, *, reply_due, completed=None, overdue=None):
    from modules.complaints.models import Complaint

    complaint = register(staff)
    Complaint.objects.filter(pk=complaint.pk).update(reply_due_at=reply_due, completed_at=completed,
                                                     overdue_at=overdue)
    return complaint


def test_on_time_rate_counts_late_and_overdue_against_the_office_C17(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    now = _at(20)
    with in_tenant(world.alpha):
        _due(staff, reply_due=_at(3), completed=_at(2))  # on time
        _due(staff, reply_due=_at(4), completed=_at(4, 9))  # on time
        _due(staff, reply_due=_at(5), completed=_at(6))  # replied late
        _due(staff, reply_due=_at(6), completed=_at(6, 9), overdue=_at(5))  # an earlier step was overdue
        _due(staff, reply_due=_at(7))  # still open past its deadline
        _due(staff, reply_due=_at(25))  # not due yet: not counted
        _due(staff, reply_due=datetime(2025, 4, 1, 10, tzinfo=TZ), completed=_at(28))  # due next month
        rate = selectors.complaint_on_time_rate(date(2025, 3, 1), date(2025, 3, 31), now=now)
        empty = selectors.complaint_on_time_rate(date(2025, 2, 1), date(2025, 2, 28), now=now)
    assert (rate["total"], rate["on_time"], rate["late"]) == (5, 2, 3)
    assert rate["rate"] == 0.4
    assert empty["total"] == 0 and empty["rate"] is None


def test_queue_header_shows_this_months_on_time_rate_C17(client_for, world, in_tenant):
    from django.utils import timezone

    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
        Complaint.objects.filter(pk=complaint.pk).update(reply_due_at=timezone.now() - timedelta(seconds=1))
        today = timezone.localdate()
        rate = selectors.complaint_on_time_rate(today.replace(day=1), today)
    body = client_for(world.alpha, "cs_staff").get("/complaints/").content.decode()
    assert rate["total"] >= 1 and rate["late"] >= 1
    assert f"{rate['rate'] * 100:.1f}%" in body and f"超时 {rate['late']}" in body


def test_printables_are_found_only_under_their_own_complaint_C08_C12(world, in_tenant):
    from core.errors import NotFound

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        mine, other = register(staff), register(staff)
        services.complaint_classify(user=staff, complaint_id=mine.pk, classification="assisted")
        referral = services.complaint_referral_add(user=staff, complaint_id=mine.pk, party_kind="utility",
                                                   party_name="自来水公司", text="请抢修")
        assert selectors.complaint_referral_get(complaint_id=mine.pk, referral_id=referral.pk) == referral
        with pytest.raises(NotFound):
            selectors.complaint_referral_get(complaint_id=other.pk, referral_id=referral.pk)
        services.complaint_classify(user=staff, complaint_id=other.pk, classification="valid")
        phone_reply = services.complaint_reply(user=staff, complaint_id=other.pk, method="phone")
        with pytest.raises(NotFound):  # only a written reply has a letter to print
            selectors.complaint_written_reply_get(complaint_id=other.pk, reply_id=phone_reply.pk)
