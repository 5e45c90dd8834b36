"""C-10/C-11 in a real browser: a collective incident the office director reports to head office
appears in the complaint center's inbox; the agent opens it and instructs the office."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def collective_case(world, committed, unique_name):
    """Five households complain about one matter in alpha; the duty officer reports it to the director,
    who notifies head office (through the bridge). Returns the incident's title and hq case id."""
    from modules.complaints.services import complaint_register
    from modules.complaints.services.collective import (
        complaint_link_incident,
        incident_notify_hq,
        incident_report_director,
    )
    from modules.residents.models import Building, Household, Unit

    title = unique_name("东门积水")

    def create():
        staff = world.users[("alpha", "cs_staff")]
        building = Building.objects.create(name=unique_name("E2E楼"))
        ids = []
        for n in range(5):
            unit = Unit.objects.create(building=building, number=f"{n + 1}01")
            household = Household.objects.create(unit=unit, name=unique_name("户"))
            ids.append(complaint_register(user=staff, channel="phone", content=f"{title}，无法出行",
                                          complainant_name="业主", complainant_phone="13800138000",
                                          household_id=household.pk, category="facilities").pk)
        incident = complaint_link_incident(user=staff, complaint_id=ids[0], title=title)
        for complaint_id in ids[1:]:
            complaint_link_incident(user=staff, complaint_id=complaint_id, incident_id=incident.pk)
        incident_report_director(user=world.users[("alpha", "duty_officer")], incident_id=incident.pk)
        incident = incident_notify_hq(user=world.users[("alpha", "office_director")], incident_id=incident.pk,
                                      note="已上门安抚")
        return title, incident.hq_case_id, ids[0]

    return committed(create, tenant=world.alpha)


def test_collective_incident_escalated_by_director_appears_in_hq_inbox_C10(page_for, world, collective_case,
                                                                           committed):
    from modules.complaints.models import ComplaintEvent

    title, case_id, lead_id = collective_case
    page = page_for(world.hq, "hq_hq_agent")
    page.goto(page.url.rstrip("/") + "/center/?collective=yes&office=alpha")
    row = page.locator("#cases tr", has_text=title)
    assert row.count() == 1 and "测试alpha管理处" in row.inner_text() and "集体" in row.inner_text()
    row.locator("a").first.click()
    page.wait_for_url(f"**/center/cases/{case_id}/")
    assert "已上门安抚" in page.locator("body").inner_text()
    assert page.locator("#timeline tr", has_text="总部收到上报").count() == 1
    page.fill("textarea[name=text]", "请今日内书面报告处理方案")
    page.click("form[action$='/instruct/'] button[type=submit]")
    page.wait_for_url(f"**/center/cases/{case_id}/")
    assert page.locator("#timeline tr", has_text="请今日内书面报告处理方案").count() == 1
    notes = committed(lambda: list(ComplaintEvent.objects.filter(complaint_id=lead_id, kind="hq_instruction")
                                   .values_list("note", flat=True)), tenant=world.alpha)
    assert notes == ["请今日内书面报告处理方案"]


def test_office_search_box_suggests_offices_from_the_api(page_for, world):
    """Issue 8 goal 5: the office choice is a search box; the static script (no inline script, CSP) fills
    suggestions from /api/v1/offices/ as one types, and the picked slug filters the inbox."""
    page = page_for(world.hq, "hq_hq_agent")
    page.goto(page.url.rstrip("/") + "/center/")
    page.fill("#inbox-filter input[name=office]", "alp")
    page.wait_for_selector("datalist option[value=alpha]", state="attached")
    assert page.locator("datalist option[value=beta]").count() == 0
    page.fill("#inbox-filter input[name=office]", "alpha")
    page.click("#inbox-filter button[type=submit]")
    page.wait_for_url("**/center/?*office=alpha*")
