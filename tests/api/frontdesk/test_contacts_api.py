"""F-01 / F-02 API: /api/v1/frontdesk/contacts/."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/frontdesk/contacts/"


def body(**overrides):
    data = {"channel": "phone", "unit": "5栋-302", "name": "孙八", "phone": "13800138000",
            "request": "楼道灯不亮", "request_type": "repair", "outcome": "workorder", "department": "engineering"}
    data.update(overrides)
    return data


def test_register_contact_to_work_order_F01(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    response = client.post(URL, body(), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["result_type"] == "workorder" and data["result_number"].startswith("GD-")
    order = client.get(f"/api/v1/frontdesk/workorders/{data['result_id']}/").json()
    assert order["number"] == data["result_number"] and order["events"][0]["action"] == "dispatch"
    listed = client.get(URL, {"q": "孙八"}).json()
    assert [row["id"] for row in listed["results"]] == [data["id"]]
    assert client.get(f"{URL}{data['id']}/").json()["number"] == data["number"]


def test_register_contact_to_complaint_keeps_number_F01(client_for, world):
    response = client_for(world.alpha, "cs_staff").post(
        URL, body(request_type="complaint", outcome="complaint", request="夜间施工噪音"),
        content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["result_number"].startswith("TS-")


def test_bad_input_names_the_field_F01(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    response = client.post(URL, body(outcome="answered", answer=""), content_type="application/json")
    assert response.status_code == 400
    assert "answer" in response.json()["error"]["fields"]
    response = client.post(URL, body(request_type="gossip"), content_type="application/json")
    assert response.status_code == 400 and "request_type" in response.json()["error"]["fields"]
    response = client.get(URL, {"day": "yesterday"})
    assert response.status_code == 400 and "day" in response.json()["error"]["fields"]


def test_role_without_register_gets_403_F01(client_for, world):
    response = client_for(world.alpha, "engineering").post(URL, body(), content_type="application/json")
    assert response.status_code == 403
    assert client_for(world.alpha, "cashier").get(URL).status_code == 403


def test_other_office_user_gets_404_F01(client_for, world):
    client = client_for(world.alpha, "cs_staff", user_of=world.beta)
    assert client.get(URL).status_code == 404
    assert client.post(URL, body(), content_type="application/json").status_code == 404
