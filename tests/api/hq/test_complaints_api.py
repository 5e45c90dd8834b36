"""/api/v1/center/complaints/: complaints head office receives and forwards (C-16)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from tenants import bridge

pytestmark = pytest.mark.django_db
BASE = "/api/v1/center/complaints/"
NEW = {"channel": "government", "complainant_name": "赵六", "complainant_phone": "13600136000",
       "content": "12345 热线转来：地下车库漏水", "unit_text": "地下车库B2"}


def _create(client_for, world, **overrides):
    response = client_for(world.hq, "hq_agent").post(BASE, {**NEW, **overrides}, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def test_register_list_forward_result_follow_up_C16(world, client_for):
    item = _create(client_for, world)
    agent = client_for(world.hq, "hq_agent")
    assert item["id"] in [r["id"] for r in agent.get(BASE).json()["results"]]
    response = agent.post(f"{BASE}{item['id']}/forward/", {"office": "beta"}, content_type="application/json")
    assert response.status_code == 201
    number = response.json()["office_number"]
    assert agent.get(f"{BASE}{item['id']}/").json()["office_number"] == number
    snapshot = {"hq_ref": item["hq_ref"], "status": "replied",
                "completed_at": (timezone.now() - timedelta(hours=2)).isoformat()}
    with schema_context(world.beta.schema_name):
        bridge.complaint_result_to_hq(office=world.beta, snapshot=snapshot, summary="已修复", by_name="主任")
    quality = client_for(world.hq, "hq_quality_manager")
    response = quality.post(f"{BASE}{item['id']}/follow-up/", {"note": "回访满意"}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["result_overdue"], body["follow_up_note"]) == ("followed_up", False, "回访满意")


def test_forward_twice_is_409(world, client_for):
    item = _create(client_for, world)
    agent = client_for(world.hq, "hq_agent")
    agent.post(f"{BASE}{item['id']}/forward/", {"office": "alpha"}, content_type="application/json")
    response = agent.post(f"{BASE}{item['id']}/forward/", {"office": "alpha"}, content_type="application/json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "already_forwarded"


def test_follow_up_before_result_is_409(world, client_for):
    item = _create(client_for, world)
    response = client_for(world.hq, "hq_quality_manager").post(f"{BASE}{item['id']}/follow-up/", {"note": "x"},
                                                               content_type="application/json")
    assert response.status_code == 409


def test_bad_input_is_400_with_field(world, client_for):
    agent = client_for(world.hq, "hq_agent")
    response = agent.post(BASE, {**NEW, "channel": "pigeon"}, content_type="application/json")
    assert response.status_code == 400 and "channel" in response.json()["error"]["fields"]
    response = agent.post(BASE, {**NEW, "complainant_phone": "12"}, content_type="application/json")
    assert response.status_code == 400 and "complainant_phone" in response.json()["error"]["fields"]
    item = _create(client_for, world)
    response = agent.post(f"{BASE}{item['id']}/forward/", {"office": "nowhere"}, content_type="application/json")
    assert response.status_code == 400 and "office" in response.json()["error"]["fields"]


def test_overdue_filter_lists_late_results_C16(world, client_for):
    item = _create(client_for, world)
    agent = client_for(world.hq, "hq_agent")
    agent.post(f"{BASE}{item['id']}/forward/", {"office": "alpha"}, content_type="application/json")
    snapshot = {"hq_ref": item["hq_ref"], "status": "replied",
                "completed_at": (timezone.now() - timedelta(hours=20)).isoformat()}
    with schema_context(world.alpha.schema_name):
        bridge.complaint_sync_to_hq(office=world.alpha, snapshot={**snapshot, "office_complaint_id": 1})
    assert item["id"] in [r["id"] for r in agent.get(BASE, {"overdue": "yes"}).json()["results"]]
    assert item["id"] not in [r["id"] for r in agent.get(BASE, {"overdue": "no"}).json()["results"]]


def test_roles_without_permission_are_403(world, client_for):
    assert client_for(world.hq, "hq_mgmt_rep").post(BASE, NEW, content_type="application/json").status_code == 403
    item = _create(client_for, world)
    response = client_for(world.hq, "hq_agent").post(f"{BASE}{item['id']}/follow-up/", {"note": "x"},
                                                    content_type="application/json")
    assert response.status_code == 403


def test_other_tenant_user_is_404_R04(world, client_for):
    client = client_for(world.hq, "cs_staff", user_of=world.beta)
    assert client.get(BASE).status_code == 404
    assert client.post(BASE, NEW, content_type="application/json").status_code == 404
