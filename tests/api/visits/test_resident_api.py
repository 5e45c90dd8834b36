"""The resident-visits API (V-01, V-02): plan, progress, record, feedback, summary; roles; isolation."""

from datetime import date

import pytest

from tests.modules.complaints.factories import household_make

pytestmark = pytest.mark.django_db

URL = "/api/v1/visits/"


def test_v01_v02_api_plan_record_progress_feedback(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        home = household_make(building="7栋").pk
    director = client_for(world.alpha, "office_director")
    staff = world.users[("alpha", "cs_staff")]
    response = director.post(f"{URL}plans/", {"period_start": "2026-09-01", "period_end": "2026-09-30",
                                              "staff_ids": [staff.pk]}, content_type="application/json")
    assert response.status_code == 201
    plan = response.json()["id"]
    response = client_for(world.alpha, "cs_staff").post(
        f"{URL}resident-visits/", {"household_id": home, "plan_id": plan, "ratings": {"security": 4},
                                   "comments": "很好"}, content_type="application/json")
    assert response.status_code == 201
    visit = response.json()["id"]
    buildings = {b["building"]: b for b in director.get(f"{URL}plans/{plan}/").json()["buildings"]}
    assert buildings["7栋"]["visited"] == 1
    response = client_for(world.alpha, "cs_supervisor").post(
        f"{URL}resident-visits/{visit}/feedback/", {"method": "phone", "text": "已转告"},
        content_type="application/json")
    assert response.status_code == 201


def test_v01_api_bad_ratings_400_naming_field(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        home = household_make().pk
    response = client_for(world.alpha, "cs_staff").post(
        f"{URL}resident-visits/", {"household_id": home, "ratings": {"parking": 9}}, content_type="application/json")
    assert response.status_code == 400 and "ratings" in response.json()["error"]["fields"]
    assert client_for(world.alpha, "cs_staff").post(
        f"{URL}plans/", {"period_start": "2026-09-01", "period_end": "2026-09-30", "staff_ids": [1]},
        content_type="application/json").status_code == 403


def test_v02_api_summary_edit_sign(client_for, world, in_tenant):
    from modules.visits import resident_services as rs

    with in_tenant(world.alpha):
        summary = rs.visit_summary_draft(month=date(2026, 8, 1))
    director = client_for(world.alpha, "office_director")
    assert director.patch(f"{URL}summaries/{summary.pk}/", {"narrative": "总结"},
                          content_type="application/json").status_code == 200
    assert director.post(f"{URL}summaries/{summary.pk}/sign/").json()["signed_at"]
    assert director.patch(f"{URL}summaries/{summary.pk}/", {"narrative": "改"},
                          content_type="application/json").status_code == 409
    assert client_for(world.alpha, "cs_staff").get(f"{URL}summaries/{summary.pk}/").status_code == 403


def test_v02_api_isolation_office_b_gets_404(client_for, world, in_tenant):
    from modules.visits import resident_services as rs

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        home = household_make().pk
        plan = rs.visit_plan_create(user=staff, period_start=date(2026, 7, 1), period_end=date(2026, 7, 31),
                                    staff_ids=[staff.pk])
        visit = rs.resident_visit_record(user=staff, household_id=home, ratings={"cleaning": 3})
        summary = rs.visit_summary_draft(month=date(2026, 7, 1))
    beta_director = client_for(world.beta, "office_director")
    assert beta_director.get(f"{URL}plans/{plan.pk}/").status_code == 404
    assert plan.pk not in [p["id"] for p in beta_director.get(f"{URL}plans/").json()["results"]]
    assert beta_director.post(f"{URL}resident-visits/{visit.pk}/feedback/", {"method": "phone", "text": "x"},
                              content_type="application/json").status_code == 404
    assert beta_director.get(f"{URL}summaries/{summary.pk}/").status_code == 404
    assert beta_director.post(f"{URL}summaries/{summary.pk}/sign/").status_code == 404
    with in_tenant(world.alpha):
        summary.refresh_from_db()
    assert summary.signed_at is None
