"""Reply (C-12), dissatisfied → new linked complaint (C-13), closing with satisfaction (C-14)."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

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
    assert complaint.next_step == "close" and complaint.due_at is None


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


def test_letter_complaint_closes_only_after_written_reply_C12(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = _valid(staff, channel="letter")
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", opinion="好")
        with pytest.raises(NotAllowedNow) as err:
            services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        assert err.value.code == "written_reply_required"
        with pytest.raises(ValidationFailed) as bad:
            services.complaint_reply(user=staff, complaint_id=complaint.pk, method="written")
        assert "letter_text" in bad.value.fields
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="written", letter_text="尊敬的业主：…")
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        complaint.refresh_from_db()
        assert complaint.replies.filter(method="written").first().letter_text == "尊敬的业主：…"
    assert complaint.status == "closed"


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
