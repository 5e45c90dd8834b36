"""回访 pages (V-05): queue, detail with one click to the source, attempt and answer forms; isolation."""

import pytest

from tests.modules.visits.factories import closed_complaint

pytestmark = pytest.mark.django_db


def _visit(world, in_tenant, office):
    from modules.visits.models import ReturnVisit

    with in_tenant(office):
        complaint = closed_complaint(world.users[(office.slug, "cs_staff")])
        return ReturnVisit.objects.get(source_kind="complaint", source_id=complaint.pk)


def test_v05_queue_links_visit_and_source(client_for, world, in_tenant):
    visit = _visit(world, in_tenant, world.alpha)
    page = client_for(world.alpha, "cs_staff").get("/visits/?source_kind=complaint").content.decode()
    assert f"/visits/{visit.pk}/" in page and f"/complaints/{visit.source_id}/" in page
    assert "V-0" not in page


def test_v05_detail_attempt_and_answer_forms(client_for, world, in_tenant):
    visit = _visit(world, in_tenant, world.alpha)
    client = client_for(world.alpha, "cs_staff")
    bad = client.post(f"/visits/{visit.pk}/attempt/", {"method": "fax", "note": "留言"})
    assert bad.status_code == 400 and "留言" in bad.content.decode()
    assert client.post(f"/visits/{visit.pk}/attempt/", {"method": "phone", "reached": "on"}).status_code == 302
    assert client.post(f"/visits/{visit.pk}/answer/", {"answer": "satisfied", "words": "很好"}).status_code == 302
    with in_tenant(world.alpha):
        visit.refresh_from_db()
    assert visit.answer == "satisfied"


def test_a04_visit_page_answer_naming_a_praised_staff_member_proposes_praise(client_for, world, in_tenant):
    from modules.assessment.models import Proposal

    visit = _visit(world, in_tenant, world.alpha)
    client = client_for(world.alpha, "cs_staff")
    praised = world.users[("alpha", "duty_officer")]
    client.post(f"/visits/{visit.pk}/attempt/", {"method": "phone", "reached": "on"})
    page = client.get(f"/visits/{visit.pk}/").content.decode()
    assert 'name="praised_staff_id"' in page
    stranger = world.users[("beta", "duty_officer")]  # not of this office: refused, nothing written
    bad = client.post(f"/visits/{visit.pk}/answer/", {"answer": "satisfied", "praised_staff_id": stranger.pk})
    assert bad.status_code == 400 and "praised_staff_id" in bad.context["answer_form"].errors
    ok = client.post(f"/visits/{visit.pk}/answer/", {"answer": "satisfied", "praised_staff_id": praised.pk})
    assert ok.status_code == 302
    with in_tenant(world.alpha):
        assert Proposal.objects.filter(person_id=praised.pk, source_type="visit").count() == 1


def test_v05_workbench_card_shows_visits_due(client_for, world, in_tenant):
    _visit(world, in_tenant, world.alpha)
    page = client_for(world.alpha, "cs_staff").get("/").content.decode()
    assert 'id="wb-visits"' in page


def test_v05_pages_isolation_office_b_gets_404(client_for, world, in_tenant):
    visit = _visit(world, in_tenant, world.alpha)
    other = client_for(world.beta, "cs_staff")
    assert other.get(f"/visits/{visit.pk}/").status_code == 404
    assert other.post(f"/visits/{visit.pk}/attempt/", {"method": "phone", "reached": "on"}).status_code == 404
    assert other.post(f"/visits/{visit.pk}/answer/", {"answer": "satisfied"}).status_code == 404
    assert f"/visits/{visit.pk}/" not in other.get("/visits/").content.decode()
    assert client_for(world.alpha, "cashier").get("/visits/").status_code == 404


def test_v02_resident_page_progress_and_summary_sign(client_for, world, in_tenant):
    from datetime import date

    from modules.visits import resident_services as rs
    from tests.modules.complaints.factories import household_make

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        household_make(building="6栋")
        rs.visit_plan_create(user=staff, period_start=date(2026, 6, 1), period_end=date(2026, 6, 30),
                             staff_ids=[staff.pk])
        summary = rs.visit_summary_draft(month=date(2026, 6, 1))
    page = client_for(world.alpha, "cs_staff").get("/visits/resident/").content.decode()
    assert "6栋" in page and "V-0" not in page
    director = client_for(world.alpha, "office_director")
    bad = director.post(f"/visits/summaries/{summary.pk}/", {"narrative": "", "sign": "1"})
    assert bad.status_code == 400
    assert director.post(f"/visits/summaries/{summary.pk}/", {"narrative": "本月良好", "sign": "1"}).status_code == 302
    with in_tenant(world.alpha):
        summary.refresh_from_db()
    assert summary.signed_at is not None and summary.narrative == "本月良好"
    assert client_for(world.alpha, "cs_staff").get(f"/visits/summaries/{summary.pk}/").status_code == 404


def test_v02_summary_page_isolation_office_b_gets_404(client_for, world, in_tenant):
    from datetime import date

    from modules.visits import resident_services as rs

    with in_tenant(world.alpha):
        summary = rs.visit_summary_draft(month=date(2026, 5, 1))
    other = client_for(world.beta, "office_director")
    assert other.get(f"/visits/summaries/{summary.pk}/").status_code == 404
    assert other.post(f"/visits/summaries/{summary.pk}/", {"narrative": "x", "sign": "1"}).status_code == 404
    with in_tenant(world.alpha):
        summary.refresh_from_db()
    assert summary.signed_at is None
