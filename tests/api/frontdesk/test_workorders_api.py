"""F-02 API: /api/v1/frontdesk/workorders/ — lifecycle, department queues, 409 on a wrong step."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/frontdesk/workorders/"


def dispatch(client, department="engineering"):
    response = client.post(URL, {"department": department, "content": "水泵异响", "location": "地下泵房"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def test_workorder_lifecycle_and_department_queue_F02(client_for, world):
    desk, eng, clean = (client_for(world.alpha, r) for r in ("cs_staff", "engineering", "cleaning"))
    order = dispatch(desk)
    dispatch(desk, department="cleaning")
    assert [o["id"] for o in eng.get(URL).json()["results"]] == [order["id"]]
    assert order["id"] not in [o["id"] for o in clean.get(URL).json()["results"]]
    assert clean.get(f"{URL}{order['id']}/").status_code == 404
    assert eng.post(f"{URL}{order['id']}/accept/").json()["status"] == "accepted"
    done = eng.post(f"{URL}{order['id']}/done/", {"result": "更换轴承"}, content_type="application/json")
    assert done.json()["status"] == "done"
    verified = desk.post(f"{URL}{order['id']}/verify/").json()
    assert verified["status"] == "verified" and verified["verified_at"]


def test_wrong_step_is_409_with_code_F02(client_for, world):
    desk = client_for(world.alpha, "cs_staff")
    order = dispatch(desk)
    response = desk.post(f"{URL}{order['id']}/verify/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "workorder_cannot_verify"


def test_department_cannot_verify_403_F02(client_for, world):
    desk, eng = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "engineering")
    order = dispatch(desk)
    eng.post(f"{URL}{order['id']}/accept/")
    eng.post(f"{URL}{order['id']}/done/", {"result": "好了"}, content_type="application/json")
    assert eng.post(f"{URL}{order['id']}/verify/").status_code == 403


def test_bad_input_names_field_F02(client_for, world):
    desk = client_for(world.alpha, "cs_staff")
    response = desk.post(URL, {"department": "kitchen", "content": "x"}, content_type="application/json")
    assert response.status_code == 400 and "department" in response.json()["error"]["fields"]
    order = dispatch(desk)
    eng = client_for(world.alpha, "engineering")
    eng.post(f"{URL}{order['id']}/accept/")
    response = eng.post(f"{URL}{order['id']}/done/", {"result": ""}, content_type="application/json")
    assert response.status_code == 400 and "result" in response.json()["error"]["fields"]


def test_role_without_permission_F02(client_for, world):
    assert client_for(world.alpha, "cashier").get(URL).status_code == 403
    assert client_for(world.alpha, "engineering").post(
        URL, {"department": "engineering", "content": "x"}, content_type="application/json").status_code == 403


def test_other_office_user_gets_404_F02(client_for, world):
    order = dispatch(client_for(world.alpha, "cs_staff"))
    intruder = client_for(world.alpha, "engineering", user_of=world.beta)
    assert intruder.get(URL).status_code == 404
    assert intruder.post(f"{URL}{order['id']}/accept/").status_code == 404
