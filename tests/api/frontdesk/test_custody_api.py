"""M-01 API: the register of residents' property in our care, loss/damage reported and resolved."""

import pytest

from tests.modules.frontdesk.factories import household_make

pytestmark = pytest.mark.django_db
BASE = "/api/v1/frontdesk/custody/"
INCIDENTS = "/api/v1/frontdesk/custody-incidents/"
JSON = "application/json"


def _household(world, in_tenant, office=None):
    with in_tenant(office or world.alpha):
        return household_make()


def test_receive_lose_report_resolve_M01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    desk = client_for(world.alpha, "cs_staff")
    item = desk.post(BASE, {"kind": "parcel", "description": "京东快递", "household_id": household.pk},
                     content_type=JSON)
    assert item.status_code == 201, item.content
    pk = item.json()["id"]
    assert item.json()["status"] == "held" and item.json()["number"].startswith("BG-")
    incident = desk.post(f"{BASE}{pk}/incidents/", {"kind": "loss", "circumstances": "被人冒领"}, content_type=JSON)
    assert incident.status_code == 201
    iid = incident.json()["id"]
    assert [i["id"] for i in desk.get(INCIDENTS, {"open": "1"}).json()["results"]] == [iid]
    early = client_for(world.alpha, "cs_supervisor").post(f"{INCIDENTS}{iid}/resolve/", {"resolution": "赔偿"},
                                                          content_type=JSON)
    assert early.status_code == 409 and early.json()["error"]["code"] == "incident_not_reported"
    told = desk.post(f"{INCIDENTS}{iid}/report/", {"reported_to": "李四", "method": "visit"}, content_type=JSON)
    assert told.status_code == 200 and told.json()["status"] == "reported"
    done = client_for(world.alpha, "cs_supervisor").post(f"{INCIDENTS}{iid}/resolve/", {"resolution": "已赔偿"},
                                                         content_type=JSON)
    assert done.status_code == 200 and done.json()["status"] == "resolved"
    detail = desk.get(f"{BASE}{pk}/").json()
    assert detail["status"] == "lost" and detail["incidents"][0]["reported_to"] == "李四"
    assert [e["action"] for e in detail["events"]] == ["receive", "lose"]
    assert desk.get(INCIDENTS, {"open": "1"}).json()["count"] == 0


def test_bad_input_is_400_with_field_M01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    desk = client_for(world.alpha, "cs_staff")
    missing = desk.post(BASE, {"kind": "parcel", "description": "快递"}, content_type=JSON)
    assert missing.status_code == 400 and "household_id" in missing.json()["error"]["fields"]
    wrong = desk.post(BASE, {"kind": "car", "description": "x", "household_id": household.pk}, content_type=JSON)
    assert wrong.status_code == 400 and "kind" in wrong.json()["error"]["fields"]
    pk = desk.post(BASE, {"kind": "key", "description": "钥匙", "household_id": household.pk},
                   content_type=JSON).json()["id"]
    back = desk.post(f"{BASE}{pk}/return/", {"returned_to": ""}, content_type=JSON)
    assert back.status_code == 400 and "returned_to" in back.json()["error"]["fields"]
    assert desk.get(BASE, {"status": "gone"}).status_code == 400
    assert desk.post(f"{BASE}{pk}/return/", {"returned_to": "李四"}, content_type=JSON).json()["status"] == "returned"


def test_roles_without_permission_M01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    assert client_for(world.alpha, "cashier").get(BASE).status_code == 403
    security = client_for(world.alpha, "security")
    assert security.post(BASE, {"kind": "parcel", "description": "x", "household_id": household.pk},
                         content_type=JSON).status_code == 403
    desk = client_for(world.alpha, "cs_staff")
    pk = desk.post(BASE, {"kind": "parcel", "description": "x", "household_id": household.pk},
                   content_type=JSON).json()["id"]
    iid = desk.post(f"{BASE}{pk}/incidents/", {"kind": "damage", "circumstances": "破损"},
                    content_type=JSON).json()["id"]
    desk.post(f"{INCIDENTS}{iid}/report/", {"reported_to": "李四", "method": "phone"}, content_type=JSON)
    assert desk.post(f"{INCIDENTS}{iid}/resolve/", {"resolution": "x"}, content_type=JSON).status_code == 403


def test_another_offices_user_gets_404_M01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    pk = client_for(world.alpha, "cs_staff").post(
        BASE, {"kind": "parcel", "description": "阿尔法的快递", "household_id": household.pk},
        content_type=JSON).json()["id"]
    stranger = client_for(world.alpha, "cs_staff", user_of=world.beta)
    assert stranger.get(BASE).status_code == 404
    assert stranger.get(f"{BASE}{pk}/").status_code == 404
    assert stranger.post(f"{BASE}{pk}/return/", {"returned_to": "x"}, content_type=JSON).status_code == 404
    assert stranger.get(INCIDENTS).status_code == 404
    beta_register = client_for(world.beta, "cs_staff").get(BASE, {"status": ""}).json()["results"]
    assert "阿尔法的快递" not in [i["description"] for i in beta_register]  # each office sees its own
