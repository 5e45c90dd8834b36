"""走访 pages (V-01, V-02): a plan with its split, its progress and the households to visit, recording a
visit with every topic rated, feedback to the resident, the director's summary; errors keep what was
typed and name the field; office B's staff get 404 on office A's plans, visits and summaries."""

from datetime import date

import pytest

from tests.modules.complaints.factories import household_make

pytestmark = pytest.mark.django_db

ALL_TOPICS = {"security": "5", "cleaning": "4", "greening": "4", "repair_skill": "3", "repair_attitude": "4",
              "repair_timeliness": "2", "facilities": "na", "staff_attitude": "5"}


def _form(ratings=ALL_TOPICS, **extra):
    return {**{f"rating_{k}": v for k, v in ratings.items()}, **extra}


def _plan(world, in_tenant, *, start=date(2026, 3, 1), end=date(2026, 3, 31), roles=("cs_staff",), homes=2):
    from modules.visits import resident_services as rs

    with in_tenant(world.alpha):
        made = [household_make(building="走访1栋") for _ in range(homes)]
        plan = rs.visit_plan_create(user=world.users[("alpha", "office_director")], period_start=start,
                                    period_end=end, staff_ids=[world.users[("alpha", r)].pk for r in roles])
    return plan, made


def test_v02_plan_new_page_previews_the_split_then_creates_the_plan(client_for, world, in_tenant):
    from modules.visits.models import PlanTarget, VisitPlan

    with in_tenant(world.alpha):
        for _ in range(3):
            household_make(building="预览栋")
    a, b = world.users[("alpha", "cs_staff")], world.users[("alpha", "cs_leader")]
    director = client_for(world.alpha, "office_director")
    page = director.get("/visits/plans/new/").content.decode()
    assert "alpha_cs_staff" in page and "alpha_cashier" not in page and "V-0" not in page
    data = {"period_start": "2026-04-01", "period_end": "2026-04-30", "staff_ids": [a.pk, b.pk]}
    preview = director.post("/visits/plans/new/", {**data, "preview": "1"})
    assert preview.status_code == 200 and 'id="split-preview"' in preview.content.decode()
    with in_tenant(world.alpha):
        assert not VisitPlan.objects.filter(period_start=date(2026, 4, 1)).exists()  # a preview writes nothing
    created = director.post("/visits/plans/new/", data)
    assert created.status_code == 302
    with in_tenant(world.alpha):
        plan = VisitPlan.objects.get(period_start=date(2026, 4, 1))
        counts = sorted(PlanTarget.objects.filter(plan=plan, staff_id=s).count() for s in (a.pk, b.pk))
    assert created["Location"] == f"/visits/plans/{plan.pk}/"
    assert counts[1] - counts[0] <= 1 and sum(counts) >= 3  # split evenly, every household


def test_v02_plan_new_errors_keep_what_was_typed_and_name_the_field(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        household_make()
    director = client_for(world.alpha, "office_director")
    bad = director.post("/visits/plans/new/", {"period_start": "2026-05-31", "period_end": "2026-05-01"})
    page = bad.content.decode()
    assert bad.status_code == 400
    assert 'value="2026-05-31"' in page and "结束日期应不早于开始日期" in page and "请至少选择一名走访人员" in page
    staff = world.users[("alpha", "cs_staff")].pk
    _plan(world, in_tenant, start=date(2026, 6, 1), end=date(2026, 6, 30), homes=0)
    twice = director.post("/visits/plans/new/", {"period_start": "2026-06-01", "period_end": "2026-06-30",
                                                 "staff_ids": [staff]})
    assert twice.status_code == 400 and "这一期间已有走访计划" in twice.content.decode()
    assert client_for(world.alpha, "cs_staff").get("/visits/plans/new/").status_code == 404  # plans: supervisor+


def test_v02_plan_page_progress_split_and_households_to_visit(client_for, world, in_tenant):
    plan, homes = _plan(world, in_tenant, roles=("cs_staff", "cs_leader"))
    page = client_for(world.alpha, "cs_staff").get(f"/visits/plans/{plan.pk}/").content.decode()
    assert 'id="plan-buildings"' in page and "走访1栋" in page and 'id="plan-split"' in page
    assert f"/visits/plans/{plan.pk}/households/{homes[0].pk}/visit/" in page and "记录走访" in page
    mine = client_for(world.alpha, "cs_staff").get(
        f"/visits/plans/{plan.pk}/?staff={world.users[('alpha', 'cs_leader')].pk}").content.decode()
    assert f"/households/{homes[0].pk}/visit/" not in mine or f"/households/{homes[1].pk}/visit/" not in mine
    assert "V-0" not in page


def test_v01_record_visit_page_rates_every_topic_and_marks_the_household(client_for, world, in_tenant):
    from modules.visits.models import PlanTarget, ResidentVisit, ResidentVisitEvent

    plan, homes = _plan(world, in_tenant)
    url = f"/visits/plans/{plan.pk}/households/{homes[0].pk}/visit/"
    staff = client_for(world.alpha, "cs_staff")
    form = staff.get(url).content.decode()
    assert "治安" in form and "休闲及儿童设施" in form and "不适用" in form and "V-0" not in form
    done = staff.post(url, _form(comments="楼道很干净"))
    assert done.status_code == 302 and done["Location"].startswith(f"/visits/plans/{plan.pk}/#visit-")
    with in_tenant(world.alpha):
        visit = ResidentVisit.objects.get(household_id=homes[0].pk)
        assert visit.ratings["security"] == 5 and "facilities" not in visit.ratings
        assert PlanTarget.objects.get(plan=plan, household_id=homes[0].pk).visited_at is not None
        assert ResidentVisitEvent.objects.filter(visit=visit, kind="visited", to_status="visited").exists()
    after = staff.get(f"/visits/plans/{plan.pk}/").content.decode()
    assert f"/households/{homes[0].pk}/visit/" not in after and f"/visits/resident-visits/{visit.pk}/" in after


def test_v01_record_visit_errors_keep_ratings_and_words_and_name_the_topic(client_for, world, in_tenant):
    from modules.visits.models import ResidentVisit

    plan, homes = _plan(world, in_tenant)
    url = f"/visits/plans/{plan.pk}/households/{homes[0].pk}/visit/"
    partial = {k: v for k, v in ALL_TOPICS.items() if k != "greening"}
    bad = client_for(world.alpha, "cs_staff").post(url, _form(partial, comments="绿化带有垃圾"))
    page = bad.content.decode()
    assert bad.status_code == 400
    assert "field-rating_greening has-error" in page and "请为此项评分" in page
    assert "绿化带有垃圾" in page and 'id="id_rating_security_0" checked' in page
    future = client_for(world.alpha, "cs_staff").post(url, _form(visited_at="2099-01-01T10:00"))
    assert future.status_code == 400 and "field-visited_at has-error" in future.content.decode()
    nothing = client_for(world.alpha, "cs_staff").post(url, _form({k: "na" for k in ALL_TOPICS}))
    assert nothing.status_code == 400 and "请至少为一项内容评分" in nothing.content.decode()
    with in_tenant(world.alpha):
        assert not ResidentVisit.objects.filter(household_id=homes[0].pk).exists()


def test_v02_feedback_page_records_what_was_given_back(client_for, world, in_tenant):
    from modules.visits import resident_services as rs

    plan, homes = _plan(world, in_tenant)
    with in_tenant(world.alpha):
        visit = rs.resident_visit_record(user=world.users[("alpha", "cs_staff")], household_id=homes[0].pk,
                                         ratings={"cleaning": 2}, comments="垃圾未及时清运", plan_id=plan.pk)
    supervisor = client_for(world.alpha, "cs_supervisor")
    page = supervisor.get(f"/visits/resident-visits/{visit.pk}/").content.decode()
    assert "垃圾未及时清运" in page and "保洁" in page and "记录反馈" in page
    bad = supervisor.post(f"/visits/resident-visits/{visit.pk}/feedback/", {"method": "phone", "text": ""})
    assert bad.status_code == 400 and "field-text has-error" in bad.content.decode()
    ok = supervisor.post(f"/visits/resident-visits/{visit.pk}/feedback/", {"method": "phone", "text": "已加派保洁"})
    assert ok.status_code == 302
    assert "已加派保洁" in supervisor.get(f"/visits/resident-visits/{visit.pk}/").content.decode()
    staff = client_for(world.alpha, "cs_staff")  # staff see the visit, the supervisor gives the feedback
    assert "记录反馈" not in staff.get(f"/visits/resident-visits/{visit.pk}/").content.decode()
    assert staff.post(f"/visits/resident-visits/{visit.pk}/feedback/",
                      {"method": "phone", "text": "x"}).status_code == 404


def test_v02_summary_page_edit_then_sign_with_history(client_for, world, in_tenant):
    from modules.visits import resident_services as rs
    from modules.visits.models import ResidentVisitEvent

    with in_tenant(world.alpha):
        summary = rs.visit_summary_draft(month=date(2026, 2, 1))
    director = client_for(world.alpha, "office_director")
    assert director.post(f"/visits/summaries/{summary.pk}/", {"narrative": "本月走访顺利"}).status_code == 302
    bad = director.post(f"/visits/summaries/{summary.pk}/", {"narrative": "", "sign": "1"})
    assert bad.status_code == 400 and "field-narrative has-error" in bad.content.decode()
    assert director.post(f"/visits/summaries/{summary.pk}/", {"narrative": "本月走访顺利", "sign": "1"}).status_code == 302
    page = director.get(f"/visits/summaries/{summary.pk}/").content.decode()
    assert 'id="summary-signed"' in page and "签署总结" in page and "<textarea" not in page
    with in_tenant(world.alpha):
        kinds = list(ResidentVisitEvent.objects.filter(summary=summary).values_list("kind", flat=True))
    assert kinds == ["summary_drafted", "summary_edited", "summary_signed"]


def test_v02_director_drafts_last_months_summary_when_missing(client_for, world, in_tenant):
    from django.utils import timezone

    from modules.visits.models import MonthlyVisitSummary

    director = client_for(world.alpha, "office_director")
    with in_tenant(world.alpha):
        last = (timezone.localdate().replace(day=1) - __import__("datetime").timedelta(days=1)).replace(day=1)
        MonthlyVisitSummary.objects.filter(month=last).delete()
    assert "/visits/summaries/draft/" in director.get("/visits/resident/").content.decode()
    response = director.post("/visits/summaries/draft/")
    with in_tenant(world.alpha):
        row = MonthlyVisitSummary.objects.get(month=last)
    assert response["Location"] == f"/visits/summaries/{row.pk}/"
    assert director.post("/visits/summaries/draft/")["Location"] == "/visits/resident/"  # once only
    assert client_for(world.alpha, "cs_supervisor").post("/visits/summaries/draft/").status_code == 404


def test_v02_new_resident_visit_routes_isolation_office_b_gets_404(client_for, world, in_tenant):
    from modules.visits import resident_services as rs
    from modules.visits.models import MonthlyVisitSummary, ResidentVisit, VisitPlan

    plan, homes = _plan(world, in_tenant, start=date(2026, 1, 1), end=date(2026, 1, 31))
    with in_tenant(world.alpha):
        visit = rs.resident_visit_record(user=world.users[("alpha", "cs_staff")], household_id=homes[0].pk,
                                         ratings={"security": 4}, plan_id=plan.pk)
        summary = rs.visit_summary_draft(month=date(2025, 12, 1))
    with in_tenant(world.beta):  # office B has no rows under these ids: a 404 is isolation, not luck
        assert not VisitPlan.objects.filter(pk=plan.pk).exists()
        assert not ResidentVisit.objects.filter(pk=visit.pk).exists()
        assert not MonthlyVisitSummary.objects.filter(pk=summary.pk).exists()
    for role in ("cs_staff", "cs_supervisor", "office_director"):
        other = client_for(world.beta, role)
        assert other.get(f"/visits/plans/{plan.pk}/").status_code == 404
        assert other.get(f"/visits/plans/{plan.pk}/households/{homes[1].pk}/visit/").status_code == 404
        assert other.post(f"/visits/plans/{plan.pk}/households/{homes[1].pk}/visit/", _form()).status_code == 404
        assert other.get(f"/visits/resident-visits/{visit.pk}/").status_code == 404
        assert other.post(f"/visits/resident-visits/{visit.pk}/feedback/",
                          {"method": "phone", "text": "x"}).status_code == 404
        assert other.post(f"/visits/summaries/{summary.pk}/", {"narrative": "x", "sign": "1"}).status_code == 404
        assert f"/visits/plans/{plan.pk}/" not in other.get("/visits/resident/").content.decode()
    # office A's user on office B's host: every route, 404 (the membership gate)
    stranger = client_for(world.beta, "office_director", user_of=world.alpha)
    for path in ("/visits/plans/new/", f"/visits/plans/{plan.pk}/", "/visits/summaries/draft/",
                 f"/visits/resident-visits/{visit.pk}/"):
        assert stranger.get(path).status_code == 404 and stranger.post(path).status_code == 404
    with in_tenant(world.alpha):
        summary.refresh_from_db()
        assert summary.signed_at is None and not visit.feedback.exists()
        assert ResidentVisit.objects.filter(household_id=homes[1].pk).count() == 0


def test_v02_workbench_card_shows_the_current_plan_and_my_households_left(client_for, world, in_tenant):
    from django.utils import timezone

    today = timezone.localdate()
    plan, homes = _plan(world, in_tenant, start=today, end=today, homes=2)
    me = world.users[("alpha", "cs_staff")].pk
    page = client_for(world.alpha, "cs_staff").get("/").content.decode()
    assert 'id="wb-resident-visits"' in page and f"/visits/plans/{plan.pk}/?staff={me}" in page
    assert "户待我走访" in page
    assert 'id="wb-resident-visits"' not in client_for(world.alpha, "cashier").get("/").content.decode()
    assert 'id="wb-resident-visits"' not in client_for(world.beta, "cs_staff").get("/").content.decode()


def _signed_summary(world, in_tenant, *, narrative="本月走访八十户，维修及时性偏低，已要求工程部整改。"):
    from datetime import datetime

    from django.utils import timezone

    from modules.visits import resident_services as rs

    plan, homes = _plan(world, in_tenant, start=date(2026, 1, 1), end=date(2026, 1, 31))
    director = world.users[("alpha", "office_director")]
    with in_tenant(world.alpha):
        rs.resident_visit_record(user=world.users[("alpha", "cs_staff")], household_id=homes[0].pk, plan_id=plan.pk,
                                 ratings={"security": 4, "repair_timeliness": 2}, comments="电梯维修太慢",
                                 visited_at=timezone.make_aware(datetime(2026, 1, 12, 10)))
        summary = rs.visit_summary_draft(month=date(2026, 1, 1))
        rs.visit_summary_edit(user=director, summary_id=summary.pk, narrative=narrative)
        return rs.visit_summary_sign(user=director, summary_id=summary.pk)


def test_v02_summary_print_shows_office_month_figures_and_the_signed_narrative(client_for, world, in_tenant):
    summary = _signed_summary(world, in_tenant)
    director = client_for(world.alpha, "office_director")
    assert f"/visits/summaries/{summary.pk}/print/" in director.get(f"/visits/summaries/{summary.pk}/").content.decode()
    response = director.get(f"/visits/summaries/{summary.pk}/print/")
    page = response.content.decode()
    assert response.status_code == 200 and 'id="summary-print"' in page
    assert world.alpha.name in page and "2026-01" in page
    assert "本月走访八十户，维修及时性偏低，已要求工程部整改。" in page and "电梯维修太慢" in page
    assert "维修及时性" in page and "走访1栋" in page  # the figures per topic, the worst building
    signer = world.users[("alpha", "office_director")]
    sign = page[page.index('id="print-sign"'):]
    assert (signer.display_name or signer.username) in sign and f"{summary.signed_at:%Y}" in sign
    assert "草稿，尚未签署" not in page and "data-print" in page and "@page" in page and "V-0" not in page


def test_v02_summary_print_of_a_draft_is_marked_unsigned(client_for, world, in_tenant):
    from modules.visits import resident_services as rs

    with in_tenant(world.alpha):
        summary = rs.visit_summary_draft(month=date(2026, 2, 1))
    page = client_for(world.alpha, "office_director").get(f"/visits/summaries/{summary.pk}/print/").content.decode()
    assert "草稿，尚未签署" in page and "__________" in page


def test_v02_summary_print_isolation_office_b_gets_404(client_for, world, in_tenant):
    from modules.visits.models import MonthlyVisitSummary

    summary = _signed_summary(world, in_tenant)
    path = f"/visits/summaries/{summary.pk}/print/"
    with in_tenant(world.beta):  # office B has no summary under this id: a 404 is isolation, not luck
        assert not MonthlyVisitSummary.objects.filter(pk=summary.pk).exists()
    for role in ("cs_staff", "cs_supervisor", "office_director"):
        assert client_for(world.beta, role).get(path).status_code == 404
    assert client_for(world.beta, "office_director", user_of=world.alpha).get(path).status_code == 404
    assert client_for(world.alpha, "cs_staff").get(path).status_code == 404  # the director's page only
