"""Assessment pages: record a finding, the sheet compiled and signed, proposals, the apex rules page;
wrong role and another office get 404 (R-04)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from modules.assessment.models import Finding

pytestmark = pytest.mark.django_db


def test_a01_a02_leader_records_third_call_sheet_signed_xlsx_matches_page(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    leader = client_for(world.alpha, "cs_leader")
    for day in (2, 3, 4):
        response = leader.post("/assessment/?month=2026-10", {"person_id": staff.pk, "rule_code": "YX-04",
                                                              "occurred_at": f"2026-10-0{day}T09:00"})
        assert response.status_code == 302
    page = leader.get("/assessment/?month=2026-10").content.decode()
    assert "警告" in page
    url = f"/assessment/sheets/{staff.pk}/2026-10/"
    assert client_for(world.alpha, "cs_supervisor").post(url, {"action": "compile"}).status_code == 302
    director = client_for(world.alpha, "office_director")
    assert director.post(url, {"action": "sign", "note": "已抽查"}).status_code == 302
    page = director.get(url).content.decode()
    assert "75.00" in page and "主任已签" in page
    rows = list(load_workbook(io.BytesIO(b"".join(director.get(f"{url}?as=xlsx").streaming_content))).active.values)
    for row in rows[3:]:
        for cell in row:
            if cell not in (None, ""):
                assert str(cell) in page, cell


def test_a01_page_bad_points_keeps_what_was_typed_and_writes_nothing(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    response = client_for(world.alpha, "cs_leader").post("/assessment/", {
        "person_id": staff.pk, "rule_code": "LY-02", "points": "9", "note": "头发凌乱"})
    assert response.status_code == 200 and "0.50–1.50" in response.content.decode()
    assert "头发凌乱" in response.content.decode()
    with in_tenant(world.alpha):
        assert not Finding.objects.exists()


def test_a02_pages_wrong_role_and_other_office_are_404(client_for, world):
    staff = world.users[("alpha", "cs_staff")]
    for path in ("/assessment/", "/assessment/proposals/", f"/assessment/sheets/{staff.pk}/2026-10/",
                 "/assessment/findings/1/"):
        assert client_for(world.alpha, "cs_staff").get(path).status_code == 404, path
        assert client_for(world.alpha, "office_director", user_of=world.beta).get(path).status_code == 404, path
    assert client_for(world.beta, "office_director").get(f"/assessment/sheets/{staff.pk}/2026-10/").status_code == 404
    # a team leader may look but neither compile nor sign
    leader = client_for(world.alpha, "cs_leader")
    assert leader.post(f"/assessment/sheets/{staff.pk}/2026-10/", {"action": "sign"}).status_code == 404


def test_a04_supervisor_confirms_a_proposal_on_the_page(client_for, world, in_tenant):
    from modules.assessment.models import Proposal
    from modules.complaints.services import complaint_classify
    from tests.modules.complaints.factories import register

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff)
        complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid", staff_id=staff.pk)
        proposal = Proposal.objects.get(source_id=complaint.pk)
    supervisor = client_for(world.alpha, "cs_supervisor")
    assert complaint.number in supervisor.get("/assessment/proposals/").content.decode()
    supervisor.post("/assessment/proposals/", {"proposal": proposal.pk, "action": "confirm", "points": "12"})
    with in_tenant(world.alpha):
        proposal.refresh_from_db()
        assert proposal.status == "pending"
    supervisor.post("/assessment/proposals/", {"proposal": proposal.pk, "action": "confirm", "points": "6"})
    with in_tenant(world.alpha):
        proposal.refresh_from_db()
        assert proposal.status == "confirmed"
        assert Finding.objects.get(proposal=proposal).points == -6


def test_a01_apex_scoring_rules_page_group_admin_only(client_for, world):
    admin = client_for(world.public, "group_admin")
    page = admin.get("/admin/scoring-rules/").content.decode()
    assert "KQ-03" in page and "自动离职审查" in page
    response = admin.post("/admin/scoring-rules/", {"code": "LY-10", "category": "etiquette", "description": "x",
                                                     "direction": "deduct", "points_min": "3", "points_max": "1"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = admin.post("/admin/scoring-rules/", {"code": "LY-10", "category": "etiquette", "description": "测试项",
                                                     "direction": "deduct", "points_min": "1", "points_max": "2",
                                                     "ladder": '[{"count": 3, "action": "warning"}]'})
    assert response.status_code == 302 and "测试项" in admin.get("/admin/scoring-rules/").content.decode()
    assert client_for(world.alpha, "office_director").get("/admin/scoring-rules/").status_code == 404
