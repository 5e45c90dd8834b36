"""Reply (C-12), dissatisfied → new linked complaint (C-13), closing with satisfaction (C-14)."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.calendar import add_working_days
from core.errors import NotAllowedNow, ValidationFailed
from modules.complaints import services
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
PNG_URL = "data:image/png;base64," + base64.b64encode(PNG).decode()


@pytest.fixture
def staff(world):
    return world.users[("alpha", "cs_staff")]


def _valid(staff, **kw):
    complaint = register(staff, **kw)
    services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
    return complaint


def test_phone_reply_records_who_when_opinion_C12(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = _valid(staff)
        reply = services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", opinion="满意",
                                         satisfied=True)
        complaint.refresh_from_db()
    assert reply.by_id == staff.pk and reply.at and reply.opinion == "满意"
    assert complaint.status == "replied" and complaint.completed_at == reply.at
    assert complaint.next_step == "close"
    assert complaint.due_at == add_working_days(reply.at, 2)  # C-14: following up has a deadline


def test_home_visit_needs_signature_C12(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = _valid(staff)
        with pytest.raises(ValidationFailed) as err:
            services.complaint_reply(user=staff, complaint_id=complaint.pk, method="home_visit")
        assert "signature" in err.value.fields
        reply = services.complaint_reply(user=staff, complaint_id=complaint.pk, method="home_visit",
                                         signature_data_url=PNG_URL)
        assert reply.signature.content_type == "image/png"
        scan = SimpleUploadedFile("visit.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
        second = services.complaint_reply(user=staff, complaint_id=complaint.pk, method="home_visit",
                                          signature_scan=scan)
        assert second.signature.content_type == "application/pdf"


def test_drawn_signature_must_be_png_C12(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = _valid(staff)
        with pytest.raises(ValidationFailed) as err:
            services.complaint_reply(user=staff, complaint_id=complaint.pk, method="home_visit",
                                     signature_data_url="data:image/png;base64,@@@")
    assert "signature" in err.value.fields


@pytest.mark.parametrize("channel", ["letter", "fax", "email", "suggestion_box", "online"])
def test_written_complaint_is_answered_in_writing_and_by_another_means_C12(world, in_tenant, staff, channel):
    """C-12 (seed 000: 对客户的书面投诉必须同时以书面方式和其他方式回复客户)."""
    with in_tenant(world.alpha):
        complaint = _valid(staff, channel=channel)
        with pytest.raises(ValidationFailed) as no_letter:
            services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", opinion="好")
        assert "letter_text" in no_letter.value.fields
        with pytest.raises(ValidationFailed) as letter_only:
            services.complaint_reply(user=staff, complaint_id=complaint.pk, method="written", letter_text="答复")
        assert "method" in letter_only.value.fields
        reply = services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone",
                                         letter_text="尊敬的业主：…")
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        complaint.refresh_from_db()
    assert (reply.method, reply.letter_text) == ("phone", "尊敬的业主：…")
    assert complaint.status == "closed"


def test_written_complaint_replied_before_the_rule_closes_only_with_a_letter_C12(world, in_tenant, staff):
    from modules.complaints.models import Reply

    with in_tenant(world.alpha):
        complaint = _valid(staff, channel="letter")
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", letter_text="函")
        Reply.objects.filter(complaint=complaint).update(letter_text="")  # a reply recorded without its letter
        with pytest.raises(NotAllowedNow) as err:
            services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        assert err.value.code == "written_reply_required"
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="written", letter_text="补发书面回复")
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)


def test_on_the_spot_case_is_answered_by_phone_C03_C12(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_handle_on_spot(user=staff, complaint_id=complaint.pk, solution="已更换灯泡")
        with pytest.raises(ValidationFailed) as err:
            services.complaint_reply(user=staff, complaint_id=complaint.pk, method="home_visit",
                                     signature_data_url=PNG_URL)
        assert "method" in err.value.fields
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", opinion="好")
        complaint.refresh_from_db()
    assert complaint.status == "replied"


def test_close_requires_satisfaction_C14(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = _valid(staff)
        with pytest.raises(NotAllowedNow):
            services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)  # not replied yet
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone")
        with pytest.raises(ValidationFailed) as err:
            services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=False)
        assert "satisfied" in err.value.fields
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        complaint.refresh_from_db()
    assert complaint.satisfaction == "satisfied" and complaint.closed_at and complaint.next_step == ""


def test_dissatisfied_starts_new_linked_complaint_C13(world, in_tenant, staff):
    with in_tenant(world.alpha):
        old = _valid(staff)
        services.complaint_reply(user=staff, complaint_id=old.pk, method="phone", opinion="不满意", satisfied=False)
        new = services.complaint_reopen_dissatisfied(user=staff, complaint_id=old.pk, opinion="灯还是不亮")
        old.refresh_from_db()
        assert new.reopened_from_id == old.pk and new.number != old.number
        assert old.status == "reopened" and old.satisfaction == "dissatisfied"
        assert new.status == "registered" and old.number in new.content
        assert list(old.reopened_as.all()) == [new]
        with pytest.raises(NotAllowedNow):
            services.complaint_close(user=staff, complaint_id=old.pk, satisfied=True)
