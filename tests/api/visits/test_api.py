"""The return-visits API (V-05): queue, detail, attempt, answer; errors; roles; isolation."""

import pytest

from tests.modules.visits.factories import closed_complaint

pytestmark = pytest.mark.django_db

URL = "/api/v1/visits/"


def _visit(world, in_tenant, office):
    from modules.visits.models import ReturnVisit

    with in_tenant(office):
        complaint = closed_complaint(world.users[(office.slug, "cs_staff")])
        return ReturnVisit.objects.get(source_kind="complaint", source_id=complaint.pk)


def test_v05_api_queue_attempt_answer_dissatisfied_opens_complaint(client_for, world, in_tenant):
    visit = _visit(world, in_tenant, world.alpha)
    client = client_for(world.alpha, "cs_staff")
    rows = client.get(URL, {"source_kind": "complaint"}).json()["results"]
    assert visit.pk in [r["id"] for r in rows]
    response = client.post(f"{URL}{visit.pk}/attempt/", {"method": "phone", "reached": True},
                           content_type="application/json")
    assert response.status_code == 201 and len(response.json()["attempts"]) == 1
    response = client.post(f"{URL}{visit.pk}/answer/", {"answer": "dissatisfied", "words": "还是漏水"},
                           content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "answered" and body["follow_up_complaint_id"]
    assert client.get(f"{URL}{visit.pk}/").json()["answer"] == "dissatisfied"


def test_v05_api_bad_input_is_400_naming_field(client_for, world, in_tenant):
    visit = _visit(world, in_tenant, world.alpha)
    client = client_for(world.alpha, "cs_staff")
    response = client.post(f"{URL}{visit.pk}/attempt/", {"method": "fax", "reached": True, "note": "x" * 501},
                           content_type="application/json")
    assert response.status_code == 400
    assert {"method", "note"} <= set(response.json()["error"]["fields"])
    response = client.post(f"{URL}{visit.pk}/answer/", {"answer": "satisfied"}, content_type="application/json")
    assert response.status_code == 409  # no reached attempt yet
    assert client.get(URL, {"due_today": "maybe"}).status_code == 400


def test_v05_api_roles(client_for, world, in_tenant):
    visit = _visit(world, in_tenant, world.alpha)
    assert client_for(world.alpha, "records_clerk").get(f"{URL}{visit.pk}/").status_code == 200
    assert client_for(world.alpha, "records_clerk").post(
        f"{URL}{visit.pk}/attempt/", {"method": "phone", "reached": True},
        content_type="application/json").status_code == 403
    assert client_for(world.alpha, "cashier").get(URL).status_code == 403


def test_v05_api_isolation_office_b_cannot_see_office_a_visit(client_for, world, in_tenant):
    visit = _visit(world, in_tenant, world.alpha)
    other = client_for(world.beta, "cs_staff")
    assert other.get(f"{URL}{visit.pk}/").status_code == 404
    assert other.post(f"{URL}{visit.pk}/attempt/", {"method": "phone", "reached": True},
                      content_type="application/json").status_code == 404
    assert other.post(f"{URL}{visit.pk}/answer/", {"answer": "satisfied"},
                      content_type="application/json").status_code == 404
    assert visit.pk not in [r["id"] for r in other.get(URL).json()["results"]]
    # office A's user on office B's host is not a member there
    assert client_for(world.beta, "cs_staff", user_of=world.alpha).get(URL).status_code in (403, 404)
