"""The training API (A-05, A-06): plan approved by the director only (403 for another role, nothing written),
bad input 400 naming the field, the 培训记录表 .xlsx matching the session, pass rates, and every route 404 for
another office's user."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from modules.training.models import ExamResult, Plan, PlanItem, Session

pytestmark = pytest.mark.django_db
URL = "/api/v1/training/"
J = {"content_type": "application/json"}


def _post(client, path, body=None):
    return client.post(f"{URL}{path}", body or {}, **J)


def _plan(client_for, world):
    supervisor = client_for(world.alpha, "cs_supervisor")
    plan = _post(supervisor, "plans/", {"kind": "monthly", "period": "2027-01-01"}).json()
    assert _post(supervisor, f"plans/{plan['id']}/items/", {"category": "fire", "topic": "灭火器使用",
                                                            "class_hours": "2"}).status_code == 201
    return plan


def test_a05_plan_submitted_and_approved_by_the_director(client_for, world):
    plan = _plan(client_for, world)
    supervisor = client_for(world.alpha, "cs_supervisor")
    assert _post(supervisor, f"plans/{plan['id']}/submit/").json()["status"] == "submitted"
    approved = _post(client_for(world.alpha, "office_director"), f"plans/{plan['id']}/approve/").json()
    assert approved["status"] == "approved" and approved["items"][0]["topic"] == "灭火器使用"


@pytest.mark.parametrize("role", ["cs_supervisor", "cs_leader", "cs_staff", "duty_director"])
def test_a05_plan_approved_by_the_wrong_role_is_403_and_writes_nothing(client_for, world, in_tenant, role):
    plan = _plan(client_for, world)
    _post(client_for(world.alpha, "cs_supervisor"), f"plans/{plan['id']}/submit/")
    for action in ("approve", "return"):
        response = _post(client_for(world.alpha, role), f"plans/{plan['id']}/{action}/", {"reason": "x"})
        assert response.status_code == 403 and response.json()["error"]["code"]
    with in_tenant(world.alpha):
        row = Plan.objects.get(pk=plan["id"])
        assert row.status == "submitted" and not row.approved_by_name and not row.return_reason


def test_a05_plan_approved_on_the_page_by_the_wrong_role_is_403(client_for, world, in_tenant):
    plan = _plan(client_for, world)
    _post(client_for(world.alpha, "cs_supervisor"), f"plans/{plan['id']}/submit/")
    page = client_for(world.alpha, "cs_supervisor").post(f"/training/plans/{plan['id']}/", {"action": "approve"})
    assert page.status_code == 403
    with in_tenant(world.alpha):
        assert Plan.objects.get(pk=plan["id"]).status == "submitted"


@pytest.mark.parametrize("path,body,field", [
    ("plans/", {"kind": "weekly", "period": "2027-01-01"}, "kind"),
    ("plans/", {"kind": "annual", "period": "9999-01-01"}, "period"),
    ("plans/", {"kind": "annual", "period": "2040-01-01"}, "period"),
    ("sessions/", {"category": "regular", "topic": "x", "trainer_name": "王", "starts_at": "2026-11-20T09:00:00+08:00",
                   "class_hours": "13"}, "class_hours"),
    ("sessions/", {"category": "regular", "topic": "x", "trainer_name": "王", "starts_at": "0001-01-01T00:00:00Z",
                   "class_hours": "2"}, "starts_at"),
    ("sessions/", {"category": "regular", "topic": "x", "trainer_name": "王", "starts_at": "2029-01-01T09:00:00+08:00",
                   "class_hours": "2"}, "starts_at"),
    ("sessions/", {"category": "regular", "topic": "x" * 201, "trainer_name": "王",
                   "starts_at": "2026-11-20T09:00:00+08:00", "class_hours": "2"}, "topic"),
    ("exams/", {"kind": "induction", "period": "2026-11-01"}, "kind"),
    ("exams/", {"kind": "monthly", "period": "2035-11-01"}, "period"),
    ("inductions/", {"person_id": 1, "started_on": "2026-01-01"}, "person_id"),
])
def test_a05_bad_input_is_400_naming_the_field(client_for, world, in_tenant, path, body, field):
    response = _post(client_for(world.alpha, "office_director"), path, body)
    assert response.status_code == 400 and field in response.json()["error"]["fields"], response.json()
    with in_tenant(world.alpha):
        assert not Plan.objects.exists() and not Session.objects.exists()


@pytest.mark.parametrize("body,field", [
    ({"written_score": "120", "practical_score": "80"}, "written_score"),
    ({"written_score": "80", "practical_score": "-3"}, "practical_score"),
    ({"written_score": "80"}, "practical_score"),
    ({"written_score": "80", "practical_score": "80", "sat_on": "2099-01-01"}, "sat_on"),
    ({"written_score": "80", "practical_score": "80", "sat_on": "99999-01-01"}, "sat_on"),
])
def test_a06_exam_scores_and_dates_out_of_range_are_400_naming_the_field(client_for, world, in_tenant, body, field):
    supervisor = client_for(world.alpha, "cs_supervisor")
    exam = _post(supervisor, "exams/", {"kind": "monthly", "period": f"{timezone.localdate():%Y-%m-01}"}).json()
    staff = world.users[("alpha", "cs_staff")]
    response = _post(supervisor, f"exams/{exam['id']}/results/", {"person_id": staff.pk, **body})
    assert response.status_code == 400 and field in response.json()["error"]["fields"]
    with in_tenant(world.alpha):
        assert not ExamResult.objects.exists()


def test_a06_retake_ladder_and_pass_rates_through_the_api(client_for, world):
    supervisor = client_for(world.alpha, "cs_supervisor")
    exam = _post(supervisor, "exams/", {"kind": "monthly", "period": f"{timezone.localdate():%Y-%m-01}"}).json()
    staff, leader = world.users[("alpha", "cs_staff")], world.users[("alpha", "cs_leader")]
    first = _post(supervisor, f"exams/{exam['id']}/results/",
                  {"person_id": staff.pk, "written_score": "50", "practical_score": "90"}).json()
    assert first["step"] == "retrain" and first["proposal_id"] and not first["passed"]
    _post(supervisor, f"exams/{exam['id']}/results/", {"person_id": leader.pk, "written_score": "90",
                                                       "practical_score": "90"})
    second = _post(supervisor, f"exams/{exam['id']}/results/",
                   {"person_id": staff.pk, "written_score": "75", "practical_score": "90"}).json()
    assert second["passed"] and second["sitting"] == 2
    rates = supervisor.get(f"{URL}pass-rates/?month={timezone.localdate():%Y-%m}").json()
    assert [(r["sitting"], r["rate"], r["met"]) for r in rates] == [(1, "50.00", False), (2, "100.00", True),
                                                                   (3, "100.00", True)]
    assert supervisor.get(f"{URL}pass-rates/?month=2026-13").status_code == 400
    proposals = client_for(world.alpha, "cs_supervisor").get("/api/v1/assessment/proposals/?status=pending").json()
    assert [p["rule_code"] for p in proposals["results"]] == ["PX-04"]


def test_a05_session_attendance_and_record_xlsx_matches(client_for, world):
    leader = client_for(world.alpha, "cs_leader")
    staff, officer = world.users[("alpha", "cs_staff")], world.users[("alpha", "duty_officer")]
    starts = (timezone.now() - timedelta(hours=3)).isoformat()
    session = _post(leader, "sessions/", {"category": "regular", "topic": "投诉处理流程", "trainer_name": "王主管",
                                          "starts_at": starts, "class_hours": "2", "place": "会议室"}).json()
    bad = _post(leader, f"sessions/{session['id']}/attendance/", {"rows": [{"person_id": staff.pk, "status": "late"}]})
    assert bad.status_code == 400 and "rows" in bad.json()["error"]["fields"]
    too_many = _post(leader, f"sessions/{session['id']}/attendance/",
                     {"rows": [{"person_id": staff.pk, "status": "present"}] * 201})
    assert too_many.status_code == 400 and "rows" in too_many.json()["error"]["fields"]
    marked = _post(leader, f"sessions/{session['id']}/attendance/", {"rows": [
        {"person_id": staff.pk, "status": "present"}, {"person_id": officer.pk, "status": "absent", "note": "未请假"}]})
    assert marked.status_code == 200 and {a["status"] for a in marked.json()["attendance"]} == {"present", "absent"}
    recorded = _post(leader, f"sessions/{session['id']}/record/", {"summary": "学员掌握投诉处理要点"}).json()
    assert recorded["status"] == "held"
    page = leader.get(f"/training/sessions/{session['id']}/").content.decode()
    xlsx = leader.get(f"{URL}sessions/{session['id']}/?as=xlsx")
    rows = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.values)
    assert rows[0][0].endswith("培训记录表")
    for row in rows[1:]:
        for cell in row:
            if cell not in (None, ""):
                assert str(cell) in page, cell
    assert any(r[0] == "无故缺席" or r[2] == "无故缺席" for r in rows)


def test_isolation_every_training_api_route_is_404_for_another_office(client_for, world, in_tenant):
    plan = _plan(client_for, world)
    with in_tenant(world.alpha):
        item = PlanItem.objects.get(plan_id=plan["id"])
    leader = client_for(world.alpha, "cs_leader")
    session = _post(leader, "sessions/", {"category": "regular", "topic": "x", "trainer_name": "王",
                                          "starts_at": timezone.now().isoformat(), "class_hours": "1",
                                          "plan_item_id": item.pk}).json()
    exam = _post(client_for(world.alpha, "cs_supervisor"), "exams/", {"kind": "fire", "period": "2026-11-01"}).json()
    outsider = client_for(world.alpha, "office_director", user_of=world.beta)
    reads = ["plans/", f"plans/{plan['id']}/", "sessions/", f"sessions/{session['id']}/",
             f"sessions/{session['id']}/?as=xlsx", "exams/", f"exams/{exam['id']}/", "inductions/",
             "pass-rates/?month=2026-11"]
    for path in reads:
        assert outsider.get(f"{URL}{path}").status_code == 404, path
    writes = ["plans/", f"plans/{plan['id']}/items/", f"plans/{plan['id']}/submit/", f"plans/{plan['id']}/approve/",
              f"plans/{plan['id']}/return/", "sessions/", f"sessions/{session['id']}/attendance/",
              f"sessions/{session['id']}/record/", "exams/", f"exams/{exam['id']}/results/", "inductions/"]
    for path in writes:
        assert _post(outsider, path).status_code == 404, path
    beta = client_for(world.beta, "office_director")
    for path in (f"plans/{plan['id']}/", f"sessions/{session['id']}/", f"exams/{exam['id']}/"):
        assert beta.get(f"{URL}{path}").status_code == 404, path
    assert _post(beta, f"plans/{plan['id']}/approve/").status_code == 404
