"""Through the APIs of both sides: an office escalates (C-11), head office sees it, and no other office
ever does (R-04, DESIGN.md "The only door between tenants")."""

import pytest

from tests.modules.hq.factories import escalate, office_complaint

pytestmark = pytest.mark.django_db


def test_escalation_through_office_api_reaches_hq_api_C11(world, client_for):
    complaint_id, _ = office_complaint(world, world.alpha, content="停车费上涨未公示")
    staff, director = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "office_director")
    url = f"/api/v1/complaints/{complaint_id}/escalate/"
    assert staff.post(url, {"to_level": "director", "reason": "客服无法解释"},
                      content_type="application/json").status_code in (200, 201)
    assert director.post(url, {"to_level": "hq", "reason": "涉及集团收费政策"},
                         content_type="application/json").status_code in (200, 201)
    rows = client_for(world.hq, "hq_agent").get("/api/v1/center/cases/", {"office": "alpha"}).json()["results"]
    case = next(row for row in rows if row["office_complaint_id"] == complaint_id)
    assert case["reason"] == "涉及集团收费政策"


def test_office_api_never_shows_another_offices_escalation(world, client_for):
    escalate(world, world.beta, content="贝塔独有的漏水投诉")
    for role in ("office_director", "cs_supervisor"):
        response = client_for(world.alpha, role).get("/api/v1/complaints/", {"page_size": 200})
        assert response.status_code == 200 and "贝塔独有" not in response.content.decode()
    assert "贝塔独有" in client_for(world.beta, "office_director").get(
        "/api/v1/complaints/", {"page_size": 200}).content.decode()
