"""Duty API — handover (D-04, D-05)."""

import pytest

from tests.modules.duty.duty_kit import FUTURE, PAST, assign, at, instance, person

pytestmark = pytest.mark.django_db
BASE = "/api/v1/duty"
JSON = "application/json"


def _roster(world, in_tenant, day=FUTURE):
    with in_tenant(world.alpha):
        assign(world, "duty_officer", "day", day)
        assign(world, "cs_staff", "night", day)
        return instance("day", day).pk


def test_handover_completes_with_damaged_item_D05(world, client_for, in_tenant):
    shift_id = _roster(world, in_tenant)
    outgoing, incoming = client_for(world.alpha, "duty_officer"), client_for(world.alpha, "cs_staff")
    opened = outgoing.post(f"{BASE}/instances/{shift_id}/handover/", {"area_note": "正常"}, content_type=JSON)
    assert opened.status_code == 201, opened.content
    handover = opened.json()
    assert incoming.post(f"{BASE}/handovers/{handover['id']}/arrive/").json()["late"] is False
    first, *rest = handover["items"]
    bad = incoming.post(f"{BASE}/handovers/{handover['id']}/items/{first['id']}/", {"state": "missing"},
                        content_type=JSON)
    assert bad.status_code == 400 and "explanation" in bad.json()["error"]["fields"]
    incoming.post(f"{BASE}/handovers/{handover['id']}/items/{first['id']}/",
                  {"state": "damaged", "explanation": "天线断"}, content_type=JSON)
    for item in rest:
        incoming.post(f"{BASE}/handovers/{handover['id']}/items/{item['id']}/", {"state": "ok"}, content_type=JSON)
    unread = incoming.post(f"{BASE}/handovers/{handover['id']}/sign/")
    assert unread.status_code == 409 and unread.json()["error"]["code"] == "log_not_read"
    incoming.post(f"{BASE}/handovers/{handover['id']}/log-read/")
    unchecked = incoming.post(f"{BASE}/handovers/{handover['id']}/sign/")
    assert unchecked.status_code == 409 and unchecked.json()["error"]["code"] == "area_not_checked"
    assert incoming.post(f"{BASE}/handovers/{handover['id']}/area/", {"note": "区域正常"},
                         content_type=JSON).status_code == 200
    assert incoming.post(f"{BASE}/handovers/{handover['id']}/sign/").status_code == 200
    done = outgoing.post(f"{BASE}/handovers/{handover['id']}/sign/").json()
    assert done["status"] == "completed"
    assert outgoing.get(f"{BASE}/instances/{handover['incoming']}/").json()["status"] == "on_duty"
    assert outgoing.get(f"{BASE}/instances/{shift_id}/").json()["status"] == "closed"


def test_handover_refused_while_important_item_open_409_D05(world, client_for, in_tenant):
    from modules.duty.services.log import log_entry_add

    shift_id = _roster(world, in_tenant, day=PAST)
    with in_tenant(world.alpha):
        log_entry_add(user=person(world, "duty_officer"), kind="incident", content="消防报警",
                      occurred_at=at(PAST, 13), important=True)
    refused = client_for(world.alpha, "duty_officer").post(f"{BASE}/instances/{shift_id}/handover/")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "important_item_open"


def test_handover_bad_state_is_400_D05(world, client_for, in_tenant):
    shift_id = _roster(world, in_tenant)
    handover = client_for(world.alpha, "duty_officer").post(f"{BASE}/instances/{shift_id}/handover/").json()
    incoming = client_for(world.alpha, "cs_staff")
    incoming.post(f"{BASE}/handovers/{handover['id']}/arrive/")
    item = handover["items"][0]["id"]
    bad = incoming.post(f"{BASE}/handovers/{handover['id']}/items/{item}/", {"state": "lost"}, content_type=JSON)
    assert bad.status_code == 400 and "state" in bad.json()["error"]["fields"]


def test_handover_api_404_for_another_office_and_403_without_role_D05(world, client_for, in_tenant):
    shift_id = _roster(world, in_tenant)
    handover = client_for(world.alpha, "duty_officer").post(f"{BASE}/instances/{shift_id}/handover/").json()
    stranger = client_for(world.alpha, "cs_staff", user_of=world.beta)
    hid, item = handover["id"], handover["items"][0]["id"]
    assert stranger.get(f"{BASE}/handovers/{hid}/").status_code == 404
    for url in (f"{BASE}/instances/{shift_id}/handover/", f"{BASE}/handovers/{hid}/arrive/",
                f"{BASE}/handovers/{hid}/items/{item}/", f"{BASE}/handovers/{hid}/log-read/",
                f"{BASE}/handovers/{hid}/sign/", f"{BASE}/handovers/{hid}/area/",
                f"{BASE}/handovers/{hid}/explain/"):
        assert stranger.post(url, {}, content_type=JSON).status_code == 404, url
    assert client_for(world.alpha, "cashier").get(f"{BASE}/handovers/{hid}/").status_code == 403
    assert client_for(world.alpha, "records_clerk").post(f"{BASE}/handovers/{hid}/arrive/").status_code == 403


def test_area_anomaly_explained_by_outgoing_before_signatures_D05(world, client_for, in_tenant):
    shift_id = _roster(world, in_tenant)
    outgoing, incoming = client_for(world.alpha, "duty_officer"), client_for(world.alpha, "cs_staff")
    hid = outgoing.post(f"{BASE}/instances/{shift_id}/handover/").json()["id"]
    incoming.post(f"{BASE}/handovers/{hid}/arrive/")
    for item in incoming.get(f"{BASE}/handovers/{hid}/").json()["items"]:
        incoming.post(f"{BASE}/handovers/{hid}/items/{item['id']}/", {"state": "ok"}, content_type=JSON)
    incoming.post(f"{BASE}/handovers/{hid}/log-read/")
    empty = incoming.post(f"{BASE}/handovers/{hid}/area/", {}, content_type=JSON)
    assert empty.status_code == 400 and "note" in empty.json()["error"]["fields"]
    body = incoming.post(f"{BASE}/handovers/{hid}/area/", {"anomaly": "大堂玻璃门裂缝"}, content_type=JSON).json()
    assert body["area_anomaly"] == "大堂玻璃门裂缝" and body["area_checked_at"]
    for client in (incoming, outgoing):
        refused = client.post(f"{BASE}/handovers/{hid}/sign/")
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "anomaly_unexplained"
    assert incoming.post(f"{BASE}/handovers/{hid}/explain/", {"explanation": "x"},
                         content_type=JSON).status_code == 409
    blank = outgoing.post(f"{BASE}/handovers/{hid}/explain/", {"explanation": ""}, content_type=JSON)
    assert blank.status_code == 400 and "explanation" in blank.json()["error"]["fields"]
    body = outgoing.post(f"{BASE}/handovers/{hid}/explain/", {"explanation": "白天被推车撞到，已报工程部"},
                         content_type=JSON).json()
    assert body["anomaly_explanation"] == "白天被推车撞到，已报工程部"
    assert incoming.post(f"{BASE}/handovers/{hid}/sign/").status_code == 200
    assert outgoing.post(f"{BASE}/handovers/{hid}/sign/").json()["status"] == "completed"
