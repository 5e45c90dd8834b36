"""C-10 (issue 9 §3.6): a collective incident classified and answered by home visit at once; each
complaint still gets its own events and transitions; one that cannot take the step refuses the whole
step, names itself, and nothing is written. The incident page lists the people who complained."""

import pytest

from core.errors import NotAllowedNow, ValidationFailed
from modules.complaints import services
from tests.modules.complaints.factories import PEOPLE, SIGNATURE, collective

pytestmark = pytest.mark.django_db


def _states(world, in_tenant, complaints):
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        rows = Complaint.objects.filter(pk__in=[c.pk for c in complaints]).order_by("received_at", "id")
        return [(c.status, c.classification, list(c.events.values_list("kind", flat=True))) for c in rows]


def test_c10_whole_incident_classified_each_complaint_its_own_event(world, in_tenant):
    incident, complaints = collective(world, in_tenant)
    with in_tenant(world.alpha):
        services.incident_classify(user=world.users[("alpha", "cs_staff")], incident_id=incident.pk,
                                   classification="valid", urgent=True, note="全楼停电")
    for status, classification, kinds in _states(world, in_tenant, complaints):
        assert (status, classification) == ("in_progress", "valid")
        assert kinds.count("classified") == 1


def test_c10_one_complaint_that_cannot_be_classified_refuses_all_and_is_named(world, in_tenant):
    incident, complaints = collective(world, in_tenant, building="拒绝楼")
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        services.complaint_handle_on_spot(user=staff, complaint_id=complaints[2].pk, solution="已恢复")
        number = complaints[2].number
        before = _states(world, in_tenant, complaints)
        with pytest.raises(NotAllowedNow) as err:
            services.incident_classify(user=staff, incident_id=incident.pk, classification="valid")
    assert number in err.value.message
    assert _states(world, in_tenant, complaints) == before  # nothing written for the others either


def test_c10_c12_whole_incident_home_visit_reply(world, in_tenant):
    from modules.complaints.models import Reply

    incident, complaints = collective(world, in_tenant, building="回访楼")
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        services.incident_classify(user=staff, incident_id=incident.pk, classification="valid")
        services.incident_reply(user=staff, incident_id=incident.pk, opinion="已恢复供电", satisfied=True,
                                signature_data_url=SIGNATURE)
        replies = list(Reply.objects.filter(complaint__in=[c.pk for c in complaints]))
    assert len(replies) == 5 and {r.method for r in replies} == {"home_visit"}
    assert len({r.signature_id for r in replies}) == 1 and replies[0].signature_id  # one signed visit record
    for status, _classification, kinds in _states(world, in_tenant, complaints):
        assert status == "replied" and kinds.count("replied") == 1


def test_c10_reply_refused_for_all_when_one_is_not_classified(world, in_tenant):
    incident, complaints = collective(world, in_tenant, building="未分类楼")
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        for c in complaints[:4]:
            services.complaint_classify(user=staff, complaint_id=c.pk, classification="valid")
        before = _states(world, in_tenant, complaints)
        with pytest.raises(NotAllowedNow) as err:
            services.incident_reply(user=staff, incident_id=incident.pk, signature_data_url=SIGNATURE)
        assert complaints[4].number in err.value.message
        with pytest.raises(ValidationFailed) as missing:
            services.incident_reply(user=staff, incident_id=incident.pk)
        assert "signature" in missing.value.fields
    assert _states(world, in_tenant, complaints) == before


def test_c12_written_complaint_in_the_incident_needs_the_letter_named(world, in_tenant):
    from modules.complaints.models import Reply

    incident, complaints = collective(world, in_tenant, building="来信楼",
                                      channels=["phone", "letter", "phone", "phone", "phone"])
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        services.incident_classify(user=staff, incident_id=incident.pk, classification="valid")
        with pytest.raises(ValidationFailed) as err:
            services.incident_reply(user=staff, incident_id=incident.pk, signature_data_url=SIGNATURE)
        assert complaints[1].number in err.value.message and "letter_text" in err.value.fields
        assert not Reply.objects.filter(complaint__in=[c.pk for c in complaints]).exists()
        services.incident_reply(user=staff, incident_id=incident.pk, signature_data_url=SIGNATURE,
                                letter_text="供电已恢复，特此函复。")
        letters = dict(Reply.objects.filter(complaint__in=[c.pk for c in complaints])
                       .values_list("complaint_id", "letter_text"))
    assert letters[complaints[1].pk] == "供电已恢复，特此函复。"
    assert [letters[c.pk] for c in complaints if c.pk != complaints[1].pk] == [""] * 4


# --- the incident page -----------------------------------------------------------------------------------

def test_c10_incident_page_lists_complainants_not_household_names(client_for, world, in_tenant):
    incident, complaints = collective(world, in_tenant, building="名单楼")
    response = client_for(world.alpha, "cs_staff").get(f"/complaints/incidents/{incident.pk}/")
    body = response.content.decode()
    section = body[body.index('<ul class="complainants">'):body.index("</ul>", body.index('class="complainants"'))]
    for (name, phone), complaint in zip(PEOPLE, complaints, strict=True):
        assert name in section and f'href="tel:{phone}"' in section
        assert f'href="/complaints/{complaint.pk}/">{name}</a>' in section
    assert "户主" not in body  # the households' own names are not listed
    assert 'id="incident-action-classify"' in body and 'class="primary-action"' in body


def test_c10_incident_page_classify_then_reply_for_all(client_for, world, in_tenant):
    incident, complaints = collective(world, in_tenant, building="页面楼")
    client = client_for(world.alpha, "cs_staff")
    url = f"/complaints/incidents/{incident.pk}/do/"
    refused = client.post(url + "classify/", {"classify-note": "全楼"})
    assert refused.status_code == 200 and "请选择分类" in refused.content.decode()
    assert client.post(url + "classify/", {"classify-classification": "valid"}).status_code == 302
    page = client.get(f"/complaints/incidents/{incident.pk}/").content.decode()
    assert 'class="primary-action" id="incident-action-reply"' in page
    missing = client.post(url + "reply/", {"reply-opinion": "已恢复"})
    assert missing.status_code == 200 and "缺少客户签名" in missing.content.decode()
    assert "已恢复" in missing.content.decode()  # what was typed is kept
    done = client.post(url + "reply/", {"reply-opinion": "已恢复", "reply-satisfied": "true",
                                        "reply-signature_data_url": SIGNATURE})
    assert done.status_code == 302
    assert {s for s, _c, _k in _states(world, in_tenant, complaints)} == {"replied"}


def test_c10_incident_page_refusal_names_the_complaint(client_for, world, in_tenant):
    incident, complaints = collective(world, in_tenant, building="点名楼")
    response = client_for(world.alpha, "cs_staff").post(f"/complaints/incidents/{incident.pk}/do/reply/",
                                                        {"reply-signature_data_url": SIGNATURE})
    assert response.status_code == 200 and complaints[0].number in response.content.decode()


@pytest.mark.parametrize("action", ["classify", "reply"])
def test_r04_incident_step_routes_refused_to_other_office_and_without_permission(client_for, world, in_tenant,
                                                                                 action):
    incident, complaints = collective(world, in_tenant, building=f"隔离楼{action}")
    url = f"/complaints/incidents/{incident.pk}/do/{action}/"
    data = {"classify-classification": "valid", "reply-signature_data_url": SIGNATURE}
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).post(url, data).status_code in (403, 404)
    assert client_for(world.beta, "cs_staff").post(url, data).status_code == 404
    assert client_for(world.alpha, "records_clerk").post(url, data).status_code == 404
    assert client_for(world.alpha, "cs_staff").post(
        f"/complaints/incidents/{incident.pk}/do/unknown/", data).status_code == 404
    assert all(kinds.count("classified") == 0 for _s, _c, kinds in _states(world, in_tenant, complaints))
