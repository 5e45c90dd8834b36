"""C-02/C-15 (issue 9 §3.5): the category taken down at registration is corrected as an event, while the
complaint is not closed: service, page action and API."""

import pytest

from core.errors import NotAllowedNow, ValidationFailed
from modules.complaints import services
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(world, in_tenant):
    with in_tenant(world.alpha):
        return register(world.users[("alpha", "cs_staff")], category="repairs", content="水管漏水")


def test_c15_category_corrected_after_classification_is_an_event(world, in_tenant, complaint):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        fixed = services.complaint_category_correct(complaint=complaint, category="fees", reason="实为收费问题",
                                                    by=staff)
        assert fixed.category == "fees" and fixed.status == "in_progress"
        event = fixed.events.get(kind="category_corrected")
        assert event.data == {"from": "repairs", "to": "fees", "reason": "实为收费问题"}
        assert "维修 → 收费" in event.note and "实为收费问题" in event.note and event.actor_id == staff.pk
        complaint.refresh_from_db()
        assert complaint.category == "fees"


@pytest.mark.parametrize("category,reason,field", [
    ("astrology", "选错了", "category"), ("fees", "  ", "reason"), ("repairs", "同一类别", "category")])
def test_c02_bad_correction_names_the_field_and_writes_nothing(world, in_tenant, complaint, category, reason,
                                                               field):
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as err:
            services.complaint_category_correct(complaint=complaint.pk, category=category, reason=reason,
                                                by=world.users[("alpha", "cs_staff")])
        assert field in err.value.fields
        assert not complaint.events.filter(kind="category_corrected").exists()


def test_c15_closed_complaint_category_cannot_be_corrected(world, in_tenant, complaint):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", satisfied=True)
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        with pytest.raises(NotAllowedNow):
            services.complaint_category_correct(complaint=complaint.pk, category="fees", reason="晚了", by=staff)
        complaint.refresh_from_db()
        assert complaint.category == "repairs"


def test_c15_category_corrected_from_the_page(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert 'id="action-category_correct"' in body
    refused = client.post(f"/complaints/{complaint.pk}/do/category_correct/",
                          {"category_correct-category": "fees", "category_correct-reason": ""})
    assert refused.status_code == 200 and "请填写更正原因" in refused.content.decode()
    done = client.post(f"/complaints/{complaint.pk}/do/category_correct/",
                       {"category_correct-category": "fees", "category_correct-reason": "实为收费问题"})
    assert done.status_code == 302
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "更正类别" in body and "实为收费问题" in body
    with in_tenant(world.alpha):
        complaint.refresh_from_db()
    assert complaint.category == "fees"


def test_r04_category_correction_page_refused_to_other_office(client_for, world, in_tenant, complaint):
    outsider = client_for(world.alpha, "cs_staff", user_of=world.beta)
    response = outsider.post(f"/complaints/{complaint.pk}/do/category_correct/",
                             {"category_correct-category": "fees", "category_correct-reason": "越权"})
    assert response.status_code in (403, 404)
    assert client_for(world.alpha, "cashier").post(
        f"/complaints/{complaint.pk}/do/category_correct/",
        {"category_correct-category": "fees", "category_correct-reason": "无权"}).status_code == 404
    with in_tenant(world.alpha):
        complaint.refresh_from_db()
    assert complaint.category == "repairs"
