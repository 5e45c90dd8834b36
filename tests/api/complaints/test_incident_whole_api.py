"""The API of issue 9 §3.5/§3.6: correcting a complaint's category (C-02/C-15), and classifying and
answering a whole incident at once (C-10): 200 with every complaint, 409/400 naming the complaint that
refuses, roles and isolation."""

import pytest

from tests.modules.complaints.factories import SIGNATURE, collective, register

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints/"


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_c10_api_classify_and_reply_whole_incident(client_for, world, in_tenant):
    incident, complaints = collective(world, in_tenant, building="接口楼")
    client = client_for(world.alpha, "cs_staff")
    refused = post(client, f"{URL}incidents/{incident.pk}/reply/", {"signature_data_url": SIGNATURE})
    assert refused.status_code == 409 and complaints[0].number in refused.json()["error"]["message"]
    bad = post(client, f"{URL}incidents/{incident.pk}/classify/", {"classification": "maybe"})
    assert bad.status_code == 400 and "classification" in bad.json()["error"]["fields"]
    body = post(client, f"{URL}incidents/{incident.pk}/classify/", {"classification": "valid"}).json()
    assert body["id"] == incident.pk and {c["status"] for c in body["complaints"]} == {"in_progress"}
    assert [c["number"] for c in body["complaints"]] == [c.number for c in complaints]
    missing = post(client, f"{URL}incidents/{incident.pk}/reply/", {"opinion": "已恢复"})
    assert missing.status_code == 400 and "signature" in missing.json()["error"]["fields"]
    body = post(client, f"{URL}incidents/{incident.pk}/reply/", {"opinion": "已恢复", "satisfied": True,
                                                                 "signature_data_url": SIGNATURE}).json()
    assert {c["status"] for c in body["complaints"]} == {"replied"}
    one = client.get(f"{URL}{complaints[3].pk}/").json()
    assert [e["kind"] for e in one["events"]].count("replied") == 1 and one["replies"][0]["method"] == "home_visit"


@pytest.mark.parametrize("step", ["classify", "reply"])
def test_r04_api_whole_incident_isolation_and_roles(client_for, world, in_tenant, step):
    incident, complaints = collective(world, in_tenant, building=f"接口隔离{step}")
    url, body = f"{URL}incidents/{incident.pk}/{step}/", {"classification": "valid", "signature_data_url": SIGNATURE}
    assert post(client_for(world.alpha, "cs_staff", user_of=world.beta), url, body).status_code in (403, 404)
    assert post(client_for(world.beta, "cs_staff"), url, body).status_code == 404
    assert post(client_for(world.alpha, "records_clerk"), url, body).status_code in (403, 404)
    assert post(client_for(world.alpha, "cs_staff"), f"{URL}incidents/99999999/{step}/", body).status_code == 404
    detail = client_for(world.alpha, "cs_staff").get(f"{URL}{complaints[0].pk}/").json()
    assert detail["status"] == "registered"


def test_c15_api_category_correction_and_isolation(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")], category="repairs")
    url = f"{URL}{complaint.pk}/category/"
    client = client_for(world.alpha, "cs_staff")
    bad = post(client, url, {"category": "astrology", "reason": "x"})
    assert bad.status_code == 400 and "category" in bad.json()["error"]["fields"]
    missing = post(client, url, {"category": "fees"})
    assert missing.status_code == 400 and "reason" in missing.json()["error"]["fields"]
    assert post(client_for(world.alpha, "cs_staff", user_of=world.beta), url,
                {"category": "fees", "reason": "越权"}).status_code in (403, 404)
    assert post(client_for(world.alpha, "cashier"), url, {"category": "fees", "reason": "无权"}).status_code in (403, 404)
    assert client.get(f"{URL}{complaint.pk}/").json()["category"] == "repairs"
    ok = post(client, url, {"category": "fees", "reason": "实为收费问题"})
    assert ok.status_code == 200 and ok.json()["category"] == "fees"
    assert ok.json()["events"][-1]["kind"] == "category_corrected"
