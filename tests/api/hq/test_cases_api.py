"""/api/v1/center/cases/: the escalated-complaint inbox (C-10, C-11) on the hq host."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from tests.modules.hq.factories import escalate

pytestmark = pytest.mark.django_db
CASES = "/api/v1/center/cases/"


def test_case_list_and_detail_with_timeline_C11(world, client_for):
    case_id, _ = escalate(world, world.alpha, collective=True, reason="集体投诉，需总部协调")
    client = client_for(world.hq, "hq_agent")
    rows = client.get(CASES, {"collective": "yes", "office": "alpha"}).json()["results"]
    assert case_id in [row["id"] for row in rows]
    detail = client.get(f"{CASES}{case_id}/").json()
    assert detail["collective"] is True and detail["reason"] == "集体投诉，需总部协调"
    assert [e["kind"] for e in detail["events"]] == ["registered", "hq_received"]


def test_case_list_filters_overdue_and_period(world, client_for):
    from modules.hq.models import HqCase

    case_id, _ = escalate(world, world.beta)
    with schema_context(world.hq.schema_name):
        HqCase.objects.filter(pk=case_id).update(overdue=True)
    client = client_for(world.hq, "hq_quality_manager")
    assert case_id in [r["id"] for r in client.get(CASES, {"overdue": "yes"}).json()["results"]]
    assert case_id not in [r["id"] for r in client.get(CASES, {"overdue": "no"}).json()["results"]]
    assert client.get(CASES, {"period": "2000-01"}).json()["count"] == 0


def test_case_list_queries_do_not_grow_with_cases(world, client_for):
    client = client_for(world.hq, "hq_agent")
    escalate(world, world.alpha)
    client.get(CASES)
    with CaptureQueriesContext(connection) as one:
        client.get(CASES)
    for _ in range(3):
        escalate(world, world.beta)
    client.get(CASES)  # the escalations switched schemas: let the connection settle on hq again
    with CaptureQueriesContext(connection) as four:
        assert client.get(CASES).json()["count"] == 4
    assert len(four) == len(one)


def test_bad_filter_is_400_with_field(world, client_for):
    response = client_for(world.hq, "hq_agent").get(CASES, {"period": "2026-13"})
    assert response.status_code == 400 and "period" in response.json()["error"]["fields"]
    response = client_for(world.hq, "hq_agent").get(CASES, {"overdue": "maybe"})
    assert response.status_code == 400 and "overdue" in response.json()["error"]["fields"]


def test_instruction_post_reaches_office_C11(world, client_for):
    from modules.complaints.models import ComplaintEvent

    case_id, complaint_id = escalate(world, world.alpha)
    response = client_for(world.hq, "hq_gm").post(f"{CASES}{case_id}/instructions/", {"text": "总经理批示：立即整改"},
                                                 content_type="application/json")
    assert response.status_code == 201 and response.json()["events"][-1]["kind"] == "hq_instruction"
    with schema_context(world.alpha.schema_name):
        assert ComplaintEvent.objects.get(complaint_id=complaint_id, kind="hq_instruction").note == "总经理批示：立即整改"


def test_instruction_without_text_is_400(world, client_for):
    case_id, _ = escalate(world, world.alpha)
    response = client_for(world.hq, "hq_agent").post(f"{CASES}{case_id}/instructions/", {"text": ""},
                                                    content_type="application/json")
    assert response.status_code == 400 and "text" in response.json()["error"]["fields"]


def test_instruction_to_missing_case_is_404(world, client_for):
    response = client_for(world.hq, "hq_agent").post(f"{CASES}999999/instructions/", {"text": "x"},
                                                    content_type="application/json")
    assert response.status_code == 404


def test_mgmt_rep_may_instruct_C11_R02(world, client_for):
    """C-11 (seed 003 §5.1): the management representative gives instructions on escalated complaints."""
    case_id, _ = escalate(world, world.alpha)
    response = client_for(world.hq, "hq_mgmt_rep").post(f"{CASES}{case_id}/instructions/", {"text": "x"},
                                                       content_type="application/json")
    assert response.status_code == 201


def test_office_user_gets_404_on_hq_api_R04(world, client_for):
    case_id, _ = escalate(world, world.alpha)
    client = client_for(world.hq, "office_director", user_of=world.alpha)
    assert client.get(CASES).status_code == 404
    assert client.get(f"{CASES}{case_id}/").status_code == 404
    assert client_for(world.alpha, "office_director").get(CASES).status_code == 404


def test_case_list_filters_status_and_current_period(world, client_for):
    from django.utils import timezone

    from core.calendar import local

    case_id, _ = escalate(world, world.alpha)
    client = client_for(world.hq, "hq_agent")
    month = f"{local(timezone.now()):%Y-%m}"
    assert case_id in [r["id"] for r in client.get(CASES, {"period": month}).json()["results"]]
    assert case_id in [r["id"] for r in client.get(CASES, {"status": "registered"}).json()["results"]]
    assert case_id not in [r["id"] for r in client.get(CASES, {"status": "closed"}).json()["results"]]


def test_mgmt_rep_assigns_case_to_quality_manager_with_opinion_C11_R02(world, client_for):
    case_id, _ = escalate(world, world.alpha)
    manager = world.users[("hq", "hq_quality_manager")]
    rep = client_for(world.hq, "hq_mgmt_rep")
    bad = rep.post(f"{CASES}{case_id}/assign/", {"assignee_id": world.users[("hq", "hq_agent")].pk,
                                                 "opinion": "x"}, content_type="application/json")
    assert bad.status_code == 400 and "assignee_id" in bad.json()["error"]["fields"]
    missing = rep.post(f"{CASES}{case_id}/assign/", {"assignee_id": manager.pk}, content_type="application/json")
    assert missing.status_code == 400 and "opinion" in missing.json()["error"]["fields"]
    body = rep.post(f"{CASES}{case_id}/assign/", {"assignee_id": manager.pk, "opinion": "由品质部牵头整改"},
                    content_type="application/json").json()
    assert body["assignee_id"] == manager.pk and body["events"][-1]["kind"] == "hq_assigned"
    instructed = rep.post(f"{CASES}{case_id}/instructions/", {"text": "本周内结案"}, content_type="application/json")
    assert instructed.status_code == 201
    mine = client_for(world.hq, "hq_quality_manager").get(CASES, {"mine": "yes"}).json()["results"]
    assert [row["id"] for row in mine] == [case_id]
    assert client_for(world.hq, "hq_agent").get(CASES, {"mine": "yes"}).json()["count"] == 0


@pytest.mark.parametrize("role", ["hq_agent", "hq_quality_manager", "hq_deputy_gm"])
def test_assign_is_403_for_other_hq_roles_C11_R02(world, client_for, role):
    case_id, _ = escalate(world, world.alpha)
    response = client_for(world.hq, role).post(f"{CASES}{case_id}/assign/", {"assignee_id": 1, "opinion": "x"},
                                               content_type="application/json")
    assert response.status_code == 403


def test_assign_is_404_for_an_office_user_and_unknown_case_R04(world, client_for):
    case_id, _ = escalate(world, world.alpha)
    office_user = client_for(world.hq, "cs_staff", user_of=world.alpha)
    assert office_user.post(f"{CASES}{case_id}/assign/", {}, content_type="application/json").status_code == 404
    manager = world.users[("hq", "hq_quality_manager")]
    unknown = client_for(world.hq, "hq_mgmt_rep").post(f"{CASES}999999/assign/",
                                                       {"assignee_id": manager.pk, "opinion": "x"},
                                                       content_type="application/json")
    assert unknown.status_code == 404
