"""The assessment API (A-01..A-04, C-20): happy paths, bad input 400 naming the field, wrong role 403,
another office 404, and the .xlsx sheet matching the JSON sheet."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from modules.assessment.models import Finding

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessment/"


def _record(client, person_id, **extra):
    body = {"person_id": person_id, "rule_code": "YX-04", "occurred_at": "2026-10-05T10:00:00+08:00", **extra}
    return client.post(f"{URL}findings/", body, content_type="application/json")


def test_a01_a02_third_call_warning_then_sheet_signed_and_xlsx_matches(client_for, world):
    staff = world.users[("alpha", "cs_staff")]
    leader = client_for(world.alpha, "cs_leader")
    for _ in range(3):
        response = _record(leader, staff.pk)
        assert response.status_code == 201
    assert response.json()["step"] == "warning" and response.json()["points"] == "-15.00"
    sheet_url = f"{URL}sheets/{staff.pk}/2026-10/"
    assert client_for(world.alpha, "cs_supervisor").post(f"{sheet_url}compile/").status_code == 200
    signed = client_for(world.alpha, "office_director").post(f"{sheet_url}sign/", {"note": "已抽查"},
                                                             content_type="application/json").json()
    assert signed["status"] == "signed" and signed["total"] == "75.00"
    xlsx = client_for(world.alpha, "office_director").get(f"{sheet_url}?as=xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.values)
    items = [r for r in rows[3:] if r[0] and r[0].startswith("2026-")]
    assert [r[5] for r in items] == [f["points"] for f in signed["findings"]] == ["-5.00", "-5.00", "-15.00"]
    assert any(r[0] == "考核得分" and r[5] == "75.00" for r in rows)
    assert any(r[0] == "主任签字" and r[1] for r in rows)


@pytest.mark.parametrize("body,field", [
    ({"rule_code": "LY-02", "points": "2"}, "points"),
    ({"rule_code": "NOPE"}, "rule_code"),
    ({"rule_code": "LY-01", "points": "x"}, "points"),
    ({"rule_code": "LY-01", "note": "x" * 600}, "note"),
])
def test_a01_bad_input_is_400_naming_the_field_and_writes_nothing(client_for, world, in_tenant, body, field):
    staff = world.users[("alpha", "cs_staff")]
    response = _record(client_for(world.alpha, "cs_leader"), staff.pk, **body)
    assert response.status_code == 400 and field in response.json()["error"]["fields"]
    with in_tenant(world.alpha):
        assert not Finding.objects.exists()


def test_a02_finding_for_someone_not_in_the_office_is_400(client_for, world):
    response = _record(client_for(world.alpha, "cs_leader"), world.users[("beta", "cs_staff")].pk)
    assert response.status_code == 400 and "person_id" in response.json()["error"]["fields"]


@pytest.mark.parametrize("role,method,path", [
    ("cs_staff", "post", "findings/"), ("cs_staff", "get", "findings/"), ("cs_leader", "post", "proposals/1/confirm/"),
    ("cs_supervisor", "post", "sheets/1/2026-10/sign/"), ("cashier", "get", "rules/"),
])
def test_a02_wrong_role_is_403(client_for, world, in_tenant, role, method, path):
    client = client_for(world.alpha, role)
    response = getattr(client, method)(f"{URL}{path}", {}, content_type="application/json")
    assert response.status_code == 403
    with in_tenant(world.alpha):
        assert not Finding.objects.exists()


def test_c20_a04_classify_api_proposes_then_confirm_within_range(client_for, world, in_tenant):
    from tests.modules.complaints.factories import register

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff)
    client = client_for(world.alpha, "cs_staff")
    for _ in range(2):
        assert client.post(f"/api/v1/complaints/{complaint.pk}/classify/", {"classification": "valid",
                           "staff_id": staff.pk}, content_type="application/json").status_code == 200
    supervisor = client_for(world.alpha, "cs_supervisor")
    listed = supervisor.get(f"{URL}proposals/?status=pending").json()["results"]
    assert len(listed) == 1 and listed[0]["source_number"] == complaint.number
    pk = listed[0]["id"]
    bad = supervisor.post(f"{URL}proposals/{pk}/confirm/", {"points": "4"}, content_type="application/json")
    assert bad.status_code == 400 and "points" in bad.json()["error"]["fields"]
    assert supervisor.post(f"{URL}proposals/{pk}/confirm/", {"points": "8"},
                           content_type="application/json").json()["status"] == "confirmed"
    again = supervisor.post(f"{URL}proposals/{pk}/reject/", {"reason": "x"}, content_type="application/json")
    assert again.status_code == 409


def test_isolation_every_assessment_route_is_404_for_another_office(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    finding = _record(client_for(world.alpha, "cs_leader"), staff.pk).json()
    outsider = client_for(world.alpha, "office_director", user_of=world.beta)
    for path in ("rules/", "findings/", f"findings/{finding['id']}/", "proposals/", f"sheets/{staff.pk}/2026-10/"):
        assert outsider.get(f"{URL}{path}").status_code == 404, path
    for path in ("proposals/1/confirm/", "proposals/1/reject/", f"sheets/{staff.pk}/2026-10/compile/",
                 f"sheets/{staff.pk}/2026-10/sign/", "findings/"):
        assert outsider.post(f"{URL}{path}", {}, content_type="application/json").status_code == 404, path
    # beta's own director on beta's host does not see alpha's finding or person
    beta = client_for(world.beta, "office_director")
    assert beta.get(f"{URL}findings/{finding['id']}/").status_code == 404
    assert beta.get(f"{URL}sheets/{staff.pk}/2026-10/").status_code == 400


def test_a01_group_admin_adds_a_rule_version_on_the_apex_only(client_for, world):
    admin = client_for(world.public, "group_admin")
    body = {"code": "LY-09", "category": "etiquette", "description": "测试", "points_min": "0.5",
            "points_max": "1.5", "ladder": [{"count": 3, "action": "warning", "extra_min": "1", "extra_max": "3"}]}
    created = admin.post("/api/v1/catalog/scoring-rules/", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["ladder"][0]["action"] == "warning"
    bad = admin.post("/api/v1/catalog/scoring-rules/", {**body, "points_min": "2"}, content_type="application/json")
    assert bad.status_code == 400 and "points_max" in bad.json()["error"]["fields"]
    bad = admin.post("/api/v1/catalog/scoring-rules/", {**body, "ladder": [{"count": 1, "action": "x"}]},
                     content_type="application/json")
    assert bad.status_code == 400 and "ladder" in bad.json()["error"]["fields"]
    office = client_for(world.alpha, "office_director")
    assert office.post("/api/v1/catalog/scoring-rules/", body, content_type="application/json").status_code == 404
