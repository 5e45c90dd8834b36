"""The complaints API actions: happy paths, 409 with a code, 400 naming the field, roles, isolation."""

import base64

import pytest

from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints/"
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 30).decode()


def post(client, pk, action, body):
    return client.post(f"{URL}{pk}/{action}/", body, content_type="application/json")


@pytest.fixture
def complaint(world, in_tenant):
    with in_tenant(world.alpha):
        return register(world.users[("alpha", "cs_staff")])


def test_full_path_assign_classify_reply_close_C04_C05_C12_C14(client_for, world, complaint):
    client = client_for(world.alpha, "cs_staff")
    officer = world.users[("alpha", "duty_officer")]
    assert post(client, complaint.pk, "assign", {"assignee_id": officer.pk}).json()["assignee_id"] == officer.pk
    body = post(client, complaint.pk, "classify", {"classification": "valid", "urgent": True}).json()
    assert body["status"] == "in_progress" and body["next_step"] == "reply"
    body = post(client, complaint.pk, "reply", {"method": "home_visit", "signature_data_url": PNG_URL,
                                                  "opinion": "满意"}).json()
    assert body["replies"][0]["signature_id"]
    body = post(client, complaint.pk, "close", {"satisfied": True}).json()
    assert body["status"] == "closed"
    kinds = [e["kind"] for e in body["events"]]
    assert kinds == ["registered", "assigned", "classified", "replied", "closed"]


def test_action_not_allowed_now_is_409_with_code(client_for, world, complaint):
    response = post(client_for(world.alpha, "cs_staff"), complaint.pk, "close", {"satisfied": True})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "close_not_allowed"


@pytest.mark.parametrize("action,body,field", [
    ("classify", {"classification": "maybe"}, "classification"),
    ("assign", {"assignee_id": "x"}, "assignee_id"),
    ("reply", {"method": "pigeon"}, "method"),
    ("reply", {"method": "home_visit"}, "signature"),
    ("escalate", {"to_level": "director"}, "reason"),
    ("note", {}, "text"),
    ("handle-on-spot", {"solution": ""}, "solution"),
])
def test_bad_input_is_400_naming_field(client_for, world, complaint, action, body, field):
    client = client_for(world.alpha, "office_director")
    if action == "reply":
        post(client, complaint.pk, "classify", {"classification": "valid"})
    response = post(client, complaint.pk, action, body)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_escalate_to_hq_only_by_director_C11(client_for, world, complaint):
    staff = client_for(world.alpha, "cs_staff")
    assert post(staff, complaint.pk, "escalate", {"to_level": "director", "reason": "处理不了"}).status_code == 200
    assert post(staff, complaint.pk, "escalate", {"to_level": "hq", "reason": "再上报"}).status_code == 403
    director = client_for(world.alpha, "office_director")
    body = post(director, complaint.pk, "escalate", {"to_level": "hq", "reason": "需总部"}).json()
    assert body["escalation_level"] == "hq" and body["hq_case_id"]


def test_spot_check_only_by_director_C19(client_for, world, complaint):
    assert post(client_for(world.alpha, "cs_staff"), complaint.pk, "spot-check", {"finding": "x"}).status_code == 403
    response = post(client_for(world.alpha, "office_director"), complaint.pk, "spot-check", {"finding": "完整"})
    assert response.status_code == 200 and response.json()["spot_checks"][0]["finding"] == "完整"


def test_reopen_dissatisfied_returns_new_linked_complaint_C13(client_for, world, complaint):
    client = client_for(world.alpha, "cs_staff")
    post(client, complaint.pk, "classify", {"classification": "valid"})
    post(client, complaint.pk, "reply", {"method": "phone"})
    response = post(client, complaint.pk, "reopen-dissatisfied", {"opinion": "没修好"})
    assert response.status_code == 201
    assert response.json()["reopened_from"] == complaint.pk


def test_assisted_referral_and_progress_C08(client_for, world, complaint):
    client = client_for(world.alpha, "cs_staff")
    post(client, complaint.pk, "classify", {"classification": "assisted"})
    assert post(client, complaint.pk, "progress", {"text": "x"}).json()["error"]["code"] == "referral_missing"
    body = post(client, complaint.pk, "referral", {"party_kind": "utility", "party_name": "自来水公司",
                                                     "text": "请抢修"}).json()
    assert body["referrals"][0]["party_name"] == "自来水公司" and body["next_step"] == "progress"


def test_collective_incident_steps_via_api_C10(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        ids = [register(staff, household_id=household_make(building="API10栋").pk).pk for _ in range(5)]
    client = client_for(world.alpha, "duty_officer")
    incident = None
    for pk in ids:
        body = {"incident_id": incident} if incident else {"title": "电梯停运"}
        detail = post(client, pk, "link-incident", body).json()
        incident = detail["incident"]
    assert detail["collective"] and detail["next_step"] == "report_director"
    url = f"{URL}incidents/{incident}/"
    assert client.post(f"{url}notify-hq/", {}, content_type="application/json").status_code == 403
    assert client.post(f"{url}report-director/", {}, content_type="application/json").status_code == 200
    director = client_for(world.alpha, "office_director")
    response = director.post(f"{url}notify-hq/", {"note": "已报"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["hq_case_id"]
    again = director.post(f"{url}notify-hq/", {}, content_type="application/json")
    assert again.status_code == 409


def test_report_result_409_for_own_complaint_C16(client_for, world, complaint):
    client = client_for(world.alpha, "cs_staff")
    post(client, complaint.pk, "classify", {"classification": "valid"})
    post(client, complaint.pk, "reply", {"method": "phone"})
    response = post(client, complaint.pk, "report-result", {"summary": "好了"})
    assert response.status_code == 409 and response.json()["error"]["code"] == "not_from_hq"


def test_actions_by_other_office_user_are_404_R04(client_for, world, complaint):
    client = client_for(world.alpha, "office_director", user_of=world.beta)
    assert post(client, complaint.pk, "classify", {"classification": "valid"}).status_code == 404


def test_spot_check_list_by_period_C19(client_for, world, complaint):
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    director = client_for(world.alpha, "office_director")
    post(director, complaint.pk, "spot-check", {"finding": "规范", "satisfied": True})
    rows = director.get(f"{URL}spot-checks/", {"start": today, "end": today}).json()["results"]
    row = next(r for r in rows if r["id"] == complaint.pk)
    assert row["spot_checks"][0]["finding"] == "规范"
    bad = director.get(f"{URL}spot-checks/", {"start": today})
    assert bad.status_code == 400 and "end" in bad.json()["error"]["fields"]
    assert client_for(world.alpha, "cs_staff").get(f"{URL}spot-checks/", {"start": today, "end": today}).status_code == 403
    other = client_for(world.alpha, "office_director", user_of=world.beta)
    assert other.get(f"{URL}spot-checks/", {"start": today, "end": today}).status_code == 404
