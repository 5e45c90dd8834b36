"""Visits in a real browser. V-05 / C-13: a complaint is closed → its return visit appears in the queue →
answered 不满意 on the visit page → a linked complaint exists and is one click away. V-01 / V-02 at 390 px
(a phone at the door): from the plan's households still to visit, 记录走访, every topic rated, saved."""

from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def closed_complaint(world, committed, unique_name):
    from tests.modules.complaints.factories import register

    words = unique_name("回访测试：电梯异响 ")

    def create():
        from modules.complaints import services

        staff = world.users[("alpha", "cs_staff")]
        complaint = register(staff, content=words)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone")
        return services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True).number

    return committed(create, tenant=world.alpha)


def test_v05_c13_closed_complaint_visit_answered_dissatisfied_opens_linked_complaint(
        page_for, live_server_url_for, world, committed, closed_complaint):
    number = closed_complaint
    page = page_for(world.alpha, "alpha_cs_staff")
    base = live_server_url_for(world.alpha)

    page.goto(f"{base}/visits/?source_kind=complaint")
    row = page.locator("table.queue tr", has_text=number)
    assert row.count() == 1 and "待回访" in row.inner_text()
    row.locator("a", has_text="投诉").first.click()
    page.wait_for_url("**/visits/*/")
    assert number in page.locator("h1").inner_text()

    page.select_option("select[name=method]", "phone")
    page.check("input[name=reached]")
    page.locator("form[action$='/attempt/'] button[type=submit]").click()
    page.wait_for_selector("text=已记录回访")

    answer = page.locator("form[action$='/answer/']")
    answer.locator("input[name=answer][value=dissatisfied]").check()
    answer.locator("textarea[name=words]").fill("电梯还是有异响，维修没有解决问题")
    answer.locator("button[type=submit]").click()
    page.wait_for_selector("text=已记录回访结果")
    assert "不满意" in page.locator("section.card").first.inner_text()

    link = page.locator("a", has_text="查看由此产生的新投诉")
    assert link.count() == 1
    link.click()
    page.wait_for_url("**/complaints/*/")
    new_number = page.locator("h1").inner_text().split()[0]
    assert new_number.startswith("TS-") and new_number != number
    assert number in page.content()  # the new complaint names the one it reopens

    def stored():
        from modules.complaints.models import Complaint
        from modules.visits.models import ReturnVisit

        old = Complaint.objects.get(number=number)
        visit = ReturnVisit.objects.get(source_kind="complaint", source_id=old.pk)
        new = Complaint.objects.get(pk=visit.follow_up_complaint_id)
        return visit.status, visit.answer, new.number, new.reopened_from_id == old.pk

    assert committed(stored, tenant=world.alpha) == ("answered", "dissatisfied", new_number, True)


@pytest.fixture
def plan_household(world, committed, unique_name):
    import uuid

    from modules.residents.models import Building, Household, Unit

    building_name = unique_name("走访楼")
    offset = int(uuid.uuid4().hex[:6], 16) % 3000  # one plan per period: a period no other run has used

    def create():
        from modules.visits import resident_services as rs

        building = Building.objects.create(name=building_name)
        unit = Unit.objects.create(building=building, number="0101")
        household = Household.objects.create(unit=unit, name=unique_name("户"))
        start = date(2030, 1, 1) + timedelta(days=offset * 2)
        plan = rs.visit_plan_create(user=world.users[("alpha", "office_director")], period_start=start,
                                    period_end=start + timedelta(days=1),
                                    staff_ids=[world.users[("alpha", "cs_staff")].pk])
        return plan.pk, household.pk

    plan_id, household_id = committed(create, tenant=world.alpha)
    return plan_id, household_id, building_name


def test_v01_v02_record_a_resident_visit_at_390px(page_for, live_server_url_for, world, committed, plan_household):
    plan_id, household_id, building = plan_household
    page = page_for(world.alpha, "alpha_cs_staff")
    page.set_viewport_size(PHONE)
    base = live_server_url_for(world.alpha)

    page.goto(f"{base}/visits/plans/{plan_id}/")
    _no_sideways_scroll(page)
    page.select_option("select[name=building]", label=building)
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**building=*")
    record = page.locator("#plan-todo tr", has_text=building).locator("a.button", has_text="记录走访")
    assert record.count() == 1 and record.is_visible()
    record.click()
    page.wait_for_url(f"**/households/{household_id}/visit/")
    _no_sideways_scroll(page)

    # save with one topic left unrated: the page names it and keeps what was chosen and typed
    ratings = {"security": "5", "cleaning": "4", "greening": "3", "repair_skill": "4", "repair_attitude": "5",
               "repair_timeliness": "2", "facilities": "na"}
    for topic, value in ratings.items():
        page.locator(f"fieldset.field-rating_{topic} label", has=page.locator(f"input[value='{value}']")).click()
    page.fill("textarea[name=comments]", "维修来得慢，其他都好")
    page.locator("#resident-visit-form button[type=submit]").click()
    page.wait_for_selector("fieldset.field-rating_staff_attitude.has-error")
    assert page.is_checked("input[name=rating_security][value='5']")
    assert page.input_value("textarea[name=comments]") == "维修来得慢，其他都好"
    _no_sideways_scroll(page)

    option = page.locator("fieldset.field-rating_staff_attitude label", has=page.locator("input[value='4']"))
    box = option.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 36  # thumb-sized
    option.click()
    page.locator("#resident-visit-form button[type=submit]").click()
    page.wait_for_url(f"**/visits/plans/{plan_id}/**")
    assert page.locator("ul.messages", has_text="已记录走访").count() == 1
    assert page.locator("#plan-todo tr", has_text=building).count() == 0
    _no_sideways_scroll(page)

    def stored():
        from modules.visits.models import PlanTarget, ResidentVisit

        visit = ResidentVisit.objects.get(household_id=household_id)
        target = PlanTarget.objects.get(plan_id=plan_id, household_id=household_id)
        return visit.ratings, visit.comments, target.visited_at is not None

    assert committed(stored, tenant=world.alpha) == (
        {"security": 5, "cleaning": 4, "greening": 3, "repair_skill": 4, "repair_attitude": 5,
         "repair_timeliness": 2, "staff_attitude": 4}, "维修来得慢，其他都好", True)


def test_v02_signed_summary_prints_and_reads_at_390px(page_for, live_server_url_for, world, committed, unique_name):
    """V-02: the director's signed monthly summary opens from its page as a print layout that reads on a
    phone without sideways scrolling and prints without the site's navigation."""
    narrative = unique_name("本月走访顺利，绿化养护需加强 ")

    def signed():
        from modules.visits import resident_services as rs

        director = world.users[("alpha", "office_director")]
        summary = rs.visit_summary_draft(month=date(2024, 5, 1))
        rs.visit_summary_edit(user=director, summary_id=summary.pk, narrative=narrative)
        return rs.visit_summary_sign(user=director, summary_id=summary.pk).pk

    pk = committed(signed, tenant=world.alpha)
    page = page_for(world.alpha, "alpha_office_director")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server_url_for(world.alpha)}/visits/summaries/{pk}/")
    page.locator(f"a[href$='/visits/summaries/{pk}/print/']").first.click()
    page.wait_for_url(f"**/visits/summaries/{pk}/print/")
    assert narrative in page.content() and "alpha_office_director" in page.content()
    _no_sideways_scroll(page)
    page.emulate_media(media="print")
    navigation = page.locator("nav")
    assert navigation.count() == 0 or not any(navigation.nth(i).is_visible() for i in range(navigation.count()))
