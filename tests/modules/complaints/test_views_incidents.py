"""C-10 in the web UI: linking complaints to an incident, the two collective reporting steps on the detail
page, the incident pages; C-11: the escalate form offers only the level the user's role may use."""

import pytest

from modules.complaints import services
from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db


def _post(client, complaint, action, **fields):
    data = {f"{action}-{key}": value for key, value in fields.items()}
    return client.post(f"/complaints/{complaint.pk}/do/{action}/", data)


def _fresh(world, in_tenant, complaint):
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        return Complaint.objects.select_related("incident").get(pk=complaint.pk)


def _forms(response) -> dict:
    return {action.name: form for action, form in response.context["action_forms"]}


@pytest.fixture
def complaint(world, in_tenant):
    with in_tenant(world.alpha):
        return register(world.users[("alpha", "cs_staff")], content="地下车库积水")


def test_link_to_new_incident_from_detail_page_C10(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    assert 'id="action-link_incident"' in client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert _post(client, complaint, "link_incident", title="车库积水").status_code == 302
    fresh = _fresh(world, in_tenant, complaint)
    assert fresh.incident.title == "车库积水"
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert f'/complaints/incidents/{fresh.incident_id}/' in body and "车库积水" in body
    assert 'id="action-link_incident"' not in body  # linked once


def test_link_to_existing_incident_offered_in_choices_C10(client_for, world, in_tenant, complaint):
    with in_tenant(world.alpha):
        other = register(world.users[("alpha", "cs_staff")], content="车库积水")
        incident = services.complaint_link_incident(user=world.users[("alpha", "cs_staff")],
                                                    complaint_id=other.pk, title="车库积水二")
    client = client_for(world.alpha, "cs_staff")
    form = _forms(client.get(f"/complaints/{complaint.pk}/"))["link_incident"]
    assert str(incident.pk) in dict(form.fields["incident_id"].choices)
    assert _post(client, complaint, "link_incident", incident_id=str(incident.pk)).status_code == 302
    assert _fresh(world, in_tenant, complaint).incident_id == incident.pk


def test_link_without_incident_or_title_shows_error_C10(client_for, world, in_tenant, complaint):
    response = _post(client_for(world.alpha, "cs_staff"), complaint, "link_incident", title="  ")
    assert response.status_code == 200
    assert "title" in _forms(response)["link_incident"].errors
    assert _fresh(world, in_tenant, complaint).incident_id is None


def _collective(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        first = None
        for _ in range(5):
            c = register(staff, household_id=household_make(building="事件楼").pk, content="停电")
            if first is None:
                first = c
                incident = services.complaint_link_incident(user=staff, complaint_id=c.pk, title="事件楼停电")
            else:
                services.complaint_link_incident(user=staff, complaint_id=c.pk, incident_id=incident.pk)
        incident.refresh_from_db()
    assert incident.collective
    return first, incident


def test_collective_steps_offered_in_order_and_by_role_C10(client_for, world, in_tenant):
    complaint, incident = _collective(world, in_tenant)
    officer, director = client_for(world.alpha, "duty_officer"), client_for(world.alpha, "office_director")
    offered = _forms(officer.get(f"/complaints/{complaint.pk}/"))
    assert "report_director" in offered and "notify_hq" not in offered
    assert _post(officer, complaint, "report_director", note="已电话报告主任").status_code == 302
    with in_tenant(world.alpha):
        incident.refresh_from_db()
    assert incident.director_reported_at is not None
    assert "report_director" not in _forms(officer.get(f"/complaints/{complaint.pk}/"))
    assert "notify_hq" not in _forms(officer.get(f"/complaints/{complaint.pk}/"))  # director only
    assert "notify_hq" in _forms(director.get(f"/complaints/{complaint.pk}/"))
    assert _post(officer, complaint, "notify_hq").status_code == 404
    assert _post(director, complaint, "notify_hq", note="已报副总").status_code == 302
    with in_tenant(world.alpha):
        incident.refresh_from_db()
    assert incident.hq_notified_at is not None and incident.hq_case_id
    assert "notify_hq" not in _forms(director.get(f"/complaints/{complaint.pk}/"))


def test_incident_page_lists_complaints_households_and_deadlines_C10(client_for, world, in_tenant):
    from core.calendar import add_hours, local

    complaint, incident = _collective(world, in_tenant)
    response = client_for(world.alpha, "records_clerk").get(f"/complaints/incidents/{incident.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["households"]) == 5 and len(response.context["complaints"]) == 5
    assert complaint.number in body and "事件楼" in body
    due = local(add_hours(incident.collective_at, complaint.sla["collective_report_director_hours"]))
    assert response.context["report_director_due"] == due and due.strftime("%Y-%m-%d %H:%M") in body
    assert response.context["notify_hq_due"] is None
    listing = client_for(world.alpha, "cs_staff").get("/complaints/incidents/").content.decode()
    assert "事件楼停电" in listing


@pytest.mark.parametrize("url", ["/complaints/incidents/", "/complaints/incidents/{pk}/"])
def test_incident_pages_404_without_permission_or_other_office_R04(client_for, world, in_tenant, complaint, url):
    with in_tenant(world.alpha):
        incident = services.complaint_link_incident(user=world.users[("alpha", "cs_staff")],
                                                    complaint_id=complaint.pk, title="权限测试")
    url = url.format(pk=incident.pk)
    assert client_for(world.alpha, "cashier").get(url).status_code == 404
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).get(url).status_code == 404


def test_unknown_incident_is_404(client_for, world):
    assert client_for(world.alpha, "cs_staff").get("/complaints/incidents/99999999/").status_code == 404


def _levels(client, complaint) -> list:
    form = _forms(client.get(f"/complaints/{complaint.pk}/")).get("escalate")
    return [key for key, _label in form.fields["to_level"].choices] if form else []


def test_escalate_form_offers_only_the_level_the_role_may_use_C11(client_for, world, in_tenant, complaint):
    staff, director = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "office_director")
    assert _levels(staff, complaint) == ["director"]
    assert _levels(director, complaint) == ["director"]  # one level at a time
    assert _post(staff, complaint, "escalate", to_level="director", reason="需主任协调").status_code == 302
    assert _levels(staff, complaint) == []  # head office is the director's step
    assert _levels(director, complaint) == ["hq"]
    refused = _post(staff, complaint, "escalate", to_level="hq", reason="越级")
    assert refused.status_code == 200
    assert _fresh(world, in_tenant, complaint).escalation_level == "director"
