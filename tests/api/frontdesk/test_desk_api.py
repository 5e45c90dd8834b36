"""F-03 missed calls and F-04 visitors API."""

import pytest

pytestmark = pytest.mark.django_db
CALLS, VISITORS = "/api/v1/frontdesk/missed-calls/", "/api/v1/frontdesk/visitors/"


def test_missed_calls_not_yet_called_back_F03(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    first = client.post(CALLS, {"phone": "13700137000"}, content_type="application/json").json()
    second = client.post(CALLS, {"phone": "0755-88889999"}, content_type="application/json").json()
    response = client.post(f"{CALLS}{first['id']}/callback/", {"reached": True, "result": "已回复"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "called_back"
    assert [c["id"] for c in client.get(CALLS).json()["results"]] == [second["id"]]
    assert {c["id"] for c in client.get(CALLS, {"all": "1"}).json()["results"]} == {first["id"], second["id"]}
    again = client.post(f"{CALLS}{first['id']}/callback/", {"result": "再打"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "missed_call_already_called_back"


def test_missed_call_bad_input_and_roles_F03(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    response = client.post(CALLS, {"phone": "abc"}, content_type="application/json")
    assert response.status_code == 400 and "phone" in response.json()["error"]["fields"]
    call = client.post(CALLS, {"phone": "13700137000"}, content_type="application/json").json()
    response = client.post(f"{CALLS}{call['id']}/callback/", {"result": ""}, content_type="application/json")
    assert response.status_code == 400 and "result" in response.json()["error"]["fields"]
    assert client_for(world.alpha, "security").post(
        CALLS, {"phone": "13700137000"}, content_type="application/json").status_code == 403
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).get(CALLS).status_code == 404


def test_visitor_still_inside_F04(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    inside = client.post(VISITORS, {"name": "周九", "company": "远景设计 8F", "phone": "13600136000"},
                         content_type="application/json")
    assert inside.status_code == 201, inside.content
    left = client.post(VISITORS, {"name": "吴十", "company": "远景设计 8F", "phone": "13600136001"},
                       content_type="application/json").json()
    assert client.post(f"{VISITORS}{left['id']}/checkout/").json()["status"] == "left"
    assert [v["id"] for v in client.get(VISITORS, {"inside": "1"}).json()["results"]] == [inside.json()["id"]]
    assert client.post(f"{VISITORS}{left['id']}/checkout/").status_code == 409


def test_visitor_bad_input_and_roles_F04(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    response = client.post(VISITORS, {"name": "周九", "phone": "13600136000"}, content_type="application/json")
    assert response.status_code == 400 and "company" in response.json()["error"]["fields"]
    assert client_for(world.alpha, "cashier").get(VISITORS).status_code == 403
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).get(VISITORS).status_code == 404
