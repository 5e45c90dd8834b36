"""The assessment API beyond findings (A-02, A-04): praise notes, the proposals' overdue filter, the steps
on one row through the shared RowActionAPIView (api/base.py), bad input 400/403/409 with nothing written,
and another office's user 404 on every new route (R-04)."""

from __future__ import annotations

import pytest

from modules.assessment.models import Finding, PraiseNote, Proposal, Sheet

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessment/"


def test_a04_praise_note_api_records_and_proposes(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    leader = client_for(world.alpha, "cs_leader")
    created = leader.post(f"{URL}praises/", {"person_id": staff.pk, "words": "业主致电表扬"},
                          content_type="application/json")
    assert created.status_code == 201 and created.json()["person_id"] == staff.pk
    assert leader.get(f"{URL}praises/").json()["results"][0]["words"] == "业主致电表扬"
    supervisor = client_for(world.alpha, "cs_supervisor")
    (proposal,) = supervisor.get(f"{URL}proposals/?status=pending").json()["results"]
    assert (proposal["source_type"], proposal["rule_code"]) == ("note", "BY-01")
    assert supervisor.get(f"{URL}proposals/?overdue=1").json()["results"] == []
    done = supervisor.post(f"{URL}proposals/{proposal['id']}/confirm/", {"points": "10"},
                           content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "confirmed"


@pytest.mark.parametrize("body,field", [
    ({"words": ""}, "words"), ({"words": "x" * 501}, "words"), ({"person": ("beta", "cs_staff")}, "person_id"),
    ({"received_at": "2099-01-01T10:00:00+08:00"}, "received_at"),
])
def test_a04_praise_note_bad_input_is_400_naming_the_field_and_writes_nothing(client_for, world, in_tenant,
                                                                            body, field):
    body = {"words": "好", **body}
    person = world.users[body.pop("person", ("alpha", "cs_staff"))]
    response = client_for(world.alpha, "cs_leader").post(f"{URL}praises/", {"person_id": person.pk, **body},
                                                         content_type="application/json")
    assert response.status_code == 400 and field in response.json()["error"]["fields"], response.json()
    with in_tenant(world.alpha):
        assert not PraiseNote.objects.exists() and not Proposal.objects.exists()


def test_a04_points_outside_the_range_on_confirm_is_400_and_writes_nothing(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    client_for(world.alpha, "cs_leader").post(f"{URL}praises/", {"person_id": staff.pk, "words": "好"},
                                              content_type="application/json")
    with in_tenant(world.alpha):
        pk = Proposal.objects.get().pk
    supervisor = client_for(world.alpha, "cs_supervisor")
    for points in ("4", "10.5", "-6", "abc"):
        response = supervisor.post(f"{URL}proposals/{pk}/confirm/", {"points": points}, content_type="application/json")
        assert response.status_code == 400 and "points" in response.json()["error"]["fields"], points
    assert supervisor.post(f"{URL}proposals/999999/confirm/", {"points": "6"},
                           content_type="application/json").status_code == 404
    with in_tenant(world.alpha):
        assert Proposal.objects.get().status == "pending" and not Finding.objects.exists()


def test_a02_sheet_steps_wrong_role_403_wrong_state_409_nothing_written(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    client_for(world.alpha, "cs_leader").post(f"{URL}findings/", {"person_id": staff.pk, "rule_code": "LY-01",
                                                                  "occurred_at": "2026-10-05T10:00:00+08:00"},
                                              content_type="application/json")
    url = f"{URL}sheets/{staff.pk}/2026-10/"
    for role in ("cs_supervisor", "cs_leader", "duty_director"):
        response = client_for(world.alpha, role).post(f"{url}sign/", {}, content_type="application/json")
        assert response.status_code == 403, role
    director = client_for(world.alpha, "office_director")
    early = director.post(f"{url}sign/", {}, content_type="application/json")
    assert early.status_code == 409 and early.json()["error"]["message"]
    with in_tenant(world.alpha):
        assert not Sheet.objects.exclude(status="draft").exists()
    compiled = client_for(world.alpha, "cs_supervisor").post(f"{url}compile/", content_type="application/json")
    assert compiled.status_code == 200 and compiled.json()["status"] == "compiled"
    bad_month = director.post(f"{URL}sheets/{staff.pk}/2026-13/sign/", {}, content_type="application/json")
    assert bad_month.status_code == 400 and "month" in bad_month.json()["error"]["fields"]


def test_isolation_new_assessment_api_routes_are_404_for_another_office(client_for, world):
    outsider = client_for(world.alpha, "office_director", user_of=world.beta)
    assert outsider.get(f"{URL}praises/").status_code == 404
    assert outsider.get(f"{URL}proposals/?overdue=1").status_code == 404
    assert outsider.post(f"{URL}praises/", {"person_id": world.users[("alpha", "cs_staff")].pk, "words": "x"},
                         content_type="application/json").status_code == 404


def test_a04_classify_api_praise_without_a_staff_member_is_400_and_writes_nothing(client_for, world, in_tenant):
    from modules.complaints.models import Complaint
    from tests.modules.complaints.factories import register

    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
    response = client_for(world.alpha, "cs_staff").post(
        f"/api/v1/complaints/{complaint.pk}/classify/", {"classification": "valid", "praise": True},
        content_type="application/json")
    assert response.status_code == 400 and "staff_id" in response.json()["error"]["fields"]
    with in_tenant(world.alpha):
        assert Complaint.objects.get(pk=complaint.pk).classification == "" and not Proposal.objects.exists()
