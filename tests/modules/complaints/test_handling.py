"""Assignment (C-04), classification and its deadlines (C-05..C-09), notes and history (C-15)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.calendar import add_hours, add_working_days
from core.errors import NotAllowedNow, ValidationFailed
from modules.complaints import services
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    return world.users[("alpha", "cs_staff")]


def test_assign_to_duty_officer_records_event_C04(world, in_tenant, staff):
    officer = world.users[("alpha", "duty_officer")]
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_assign(user=staff, complaint_id=complaint.pk, assignee_id=officer.pk, note="请处理")
        complaint.refresh_from_db()
        assert complaint.status == "assigned" and complaint.assignee_id == officer.pk
        assert complaint.assignee_role == "duty_officer"
        assert list(complaint.events.values_list("kind", flat=True)) == ["registered", "assigned"]
    from core.notifications.models import Notification

    assert Notification.objects.filter(user=officer, title=f"投诉 {complaint.number}：交给您处理").exists()


def test_assign_refuses_cashier_and_other_office_user_C04(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        for user in (world.users[("alpha", "cashier")], world.users[("beta", "cs_staff")]):
            with pytest.raises(ValidationFailed) as err:
                services.complaint_assign(user=staff, complaint_id=complaint.pk, assignee_id=user.pk)
            assert "assignee_id" in err.value.fields


def test_urgent_valid_reply_due_in_hours_C06(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid", urgent=True,
                                    serious=True)
        complaint.refresh_from_db()
    assert complaint.status == "in_progress" and complaint.next_step == "reply"
    assert complaint.due_at == add_hours(complaint.received_at, 2)


def test_not_urgent_reply_due_in_working_days_C06(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        complaint.refresh_from_db()
    assert complaint.due_at == add_working_days(complaint.received_at, 2)


def test_valid_agreed_time_replaces_the_limit_even_when_later_C07(world, in_tenant, staff):
    """C-07 (seed 000): 无法在 2 个工作日内回复客户的，应与客户约定回复时间，在约定时间内回复."""
    with in_tenant(world.alpha):
        complaint = register(staff)
        soon = timezone.now() + timedelta(hours=5)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid",
                                    agreed_reply_at=soon)
        complaint.refresh_from_db()
        assert complaint.due_at == soon
        later = timezone.now() + timedelta(days=10)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid",
                                    agreed_reply_at=later)
        complaint.refresh_from_db()
        assert complaint.due_at == complaint.reply_due_at == later
        assert later > add_working_days(complaint.received_at, 2)


def test_invalid_explanation_due_in_hours_of_receipt_not_classification_C09(world, in_tenant, staff):
    """C-09 (seed 000: 无效投诉应在 2 个小时内，回复客户): counted from receipt."""
    with in_tenant(world.alpha):
        received = timezone.now() - timedelta(hours=1, minutes=30)
        complaint = register(staff, received_at=received)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="invalid")
        complaint.refresh_from_db()
    assert complaint.next_step == "explain"
    assert complaint.due_at == add_hours(received, 2)


def test_classify_rejects_unknown_class_C05(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        with pytest.raises(ValidationFailed) as err:
            services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="maybe")
    assert "classification" in err.value.fields


def test_assisted_needs_referral_then_progress_every_n_days_C08(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="assisted")
        complaint.refresh_from_db()
        assert complaint.next_step == "referral"
        with pytest.raises(NotAllowedNow) as err:
            services.complaint_progress_add(user=staff, complaint_id=complaint.pk, text="已催促")
        assert err.value.code == "referral_missing"
        with pytest.raises(NotAllowedNow):
            services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone")
        referral = services.complaint_referral_add(user=staff, complaint_id=complaint.pk, party_kind="developer",
                                                   party_name="某某地产", text="请维修外墙渗水")
        complaint.refresh_from_db()
        assert complaint.next_step == "progress"
        assert complaint.due_at == add_working_days(referral.at, 2)
        services.complaint_progress_add(user=staff, complaint_id=complaint.pk, text="发展商已安排")
        assert complaint.events.filter(kind="progress").count() == 1


def test_referral_refused_for_valid_complaint_C08(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        with pytest.raises(NotAllowedNow) as err:
            services.complaint_referral_add(user=staff, complaint_id=complaint.pk, party_kind="developer",
                                            party_name="x", text="y")
    assert err.value.code == "not_assisted"


def test_note_is_a_new_event_and_nothing_is_edited_C15(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_note(user=staff, complaint_id=complaint.pk, text="更正：投诉人是李四")
        events = list(complaint.events.values_list("kind", "note", "actor_name"))
    assert events[-1] == ("note", "更正：投诉人是李四", staff.username)
    assert len(events) == 2


def test_classify_after_close_is_refused_C05(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", opinion="好")
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        with pytest.raises(NotAllowedNow) as err:
            services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="invalid")
    assert err.value.code == "classify_not_allowed"


def test_events_are_never_edited_or_deleted_C15(world, in_tenant, staff):
    with in_tenant(world.alpha):
        event = register(staff).events.get()
        event.note = "改写"
        with pytest.raises(ValueError):
            event.save()
        with pytest.raises(ValueError):
            event.delete()
        event.refresh_from_db()
        assert event.note != "改写"
