"""F-01: the visit/call register — one step records the contact and what it became."""

import pytest

from core.errors import ValidationFailed
from tests.modules.frontdesk.factories import contact_input, household_make, user_of

pytestmark = pytest.mark.django_db


def test_contact_to_complaint_keeps_complaint_number_F01(world, in_tenant):
    from modules.complaints.models import Complaint
    from modules.frontdesk.services import contact_register

    with in_tenant(world.alpha):
        household = household_make()
        contact = contact_register(user=user_of(world, "cs_staff"), data=contact_input(
            request_type="complaint", outcome="complaint", request="保安态度差", expectation="道歉",
            household_id=household.pk, unit=""))
        complaint = Complaint.objects.get(pk=contact.result_id)
        assert contact.result_type == "complaint"
        assert contact.result_number == complaint.number
        assert complaint.number.startswith("TS-")
        assert complaint.source_type == "contact" and complaint.source_id == contact.pk
        assert complaint.expectation == "道歉"
        assert contact.unit == household.unit.label


def test_contact_to_workorder_keeps_number_and_dispatches_F01_F02(world, in_tenant):
    from modules.frontdesk.models import WorkOrder
    from modules.frontdesk.services import contact_register

    with in_tenant(world.alpha):
        contact = contact_register(user=user_of(world, "cs_staff"), data=contact_input())
        order = WorkOrder.objects.get(pk=contact.result_id)
        assert contact.result_number == order.number and order.number.startswith("GD-")
        assert order.department == "engineering" and order.status == "dispatched"
        assert (order.source_type, order.source_id) == ("contact", contact.pk)
        assert order.location == "3栋-1201"


def test_contact_answered_on_spot_and_service_inquiry_F01(world, in_tenant):
    from modules.frontdesk.services import contact_register

    with in_tenant(world.alpha):
        answered = contact_register(user=user_of(world, "cs_staff"), data=contact_input(
            request_type="fees", outcome="answered", answer="物业费每月 2.5 元/㎡", department=""))
        service = contact_register(user=user_of(world, "cs_staff"), data=contact_input(
            request_type="booking", outcome="service", department=""))
        assert answered.result_number == "" and answered.answer.startswith("物业费")
        assert service.result_type == "service" and service.result_number == service.number


def test_every_contact_goes_to_duty_log_with_its_kind_F01(world, in_tenant):
    from modules.duty.models import LogEntry
    from modules.frontdesk.services import contact_register

    with in_tenant(world.alpha):
        user = user_of(world, "cs_staff")
        repair = contact_register(user=user, data=contact_input())
        inquiry = contact_register(user=user, data=contact_input(
            request_type="inquiry", outcome="answered", answer="周一至周五 9 点开门", department=""))
        complaint = contact_register(user=user, data=contact_input(request_type="complaint", outcome="complaint"))
        kinds = {c.pk: LogEntry.objects.get(source_type="contact", source_id=c.pk).kind for c in (repair, inquiry)}
        assert kinds == {repair.pk: "help", inquiry.pk: "inquiry"}
        # a contact that became a complaint is the complaint's one line, linked to the contact (issue 9 §3.10)
        line = LogEntry.objects.get(link_type="contact", link_id=complaint.pk)
        assert (line.kind, line.source_type, line.source_id) == ("complaint", "complaint", complaint.result_id)


def test_answer_required_for_on_spot_F01(world, in_tenant):
    from modules.frontdesk.models import Contact
    from modules.frontdesk.services import contact_register

    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as exc:
            contact_register(user=user_of(world, "cs_staff"), data=contact_input(outcome="answered"))
        assert "answer" in exc.value.fields
        assert not Contact.objects.exists()


def test_complaint_refused_leaves_no_half_written_contact_F01(world, in_tenant):
    from modules.frontdesk.models import Contact
    from modules.frontdesk.services import contact_register

    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as exc:
            contact_register(user=user_of(world, "cs_staff"), data=contact_input(
                channel="visit", phone="", outcome="complaint", request_type="complaint"))
        assert "phone" in exc.value.fields
        assert not Contact.objects.exists()


def test_unit_or_household_required_F01(world, in_tenant):
    from modules.frontdesk.services import contact_register

    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as exc:
            contact_register(user=user_of(world, "cs_staff"), data=contact_input(unit=""))
        assert "unit" in exc.value.fields


def test_requested_reply_before_contact_is_refused_F01(world, in_tenant):
    from datetime import timedelta

    from django.utils import timezone

    from modules.frontdesk.services import contact_register

    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as exc:
            contact_register(user=None, data=contact_input(requested_reply_at=timezone.now() - timedelta(hours=1)))
        assert "requested_reply_at" in exc.value.fields
        with pytest.raises(ValidationFailed) as exc:
            contact_register(user=None, data=contact_input(received_at=timezone.now() + timedelta(days=1)))
        assert "received_at" in exc.value.fields


def test_unit_text_of_a_known_unit_links_its_household_F01(world, in_tenant):
    from modules.frontdesk.services import contact_register

    with in_tenant(world.alpha):
        household = household_make(building="8栋")
        linked = contact_register(user=None, data=contact_input(unit=household.unit.label))
        unknown = contact_register(user=None, data=contact_input(unit="8栋-不存在"))
        assert linked.household_id == household.pk and linked.result_number.startswith("GD-")
        assert unknown.household_id is None
