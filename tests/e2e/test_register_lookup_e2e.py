"""Issue 9 §3 defects 3 and 16 in a browser at 390 px (a phone): typing part of a unit on 登记投诉 lists the
households as one types; picking one fills the caller and shows the household's earlier complaints below
the form; the page never scrolls sideways."""

import pytest

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def earlier(world, committed, unique_name):
    from modules.complaints.services import complaint_register
    from modules.residents.services import resident_register

    building = unique_name("查") + "栋"

    def create():
        staff = world.users[("alpha", "cs_staff")]
        household = resident_register(building_name=building, unit_number="201", household_name="卫家",
                                      name="卫七", phone="13612345678").household
        resident_register(building_name=building, unit_number="1001", household_name="蒋家", name="蒋八",
                          phone="13612340000")
        complaint = complaint_register(user=staff, channel="phone", complainant_name="卫七",
                                       complainant_phone="13612345678", category="repairs",
                                       content="电梯异响", household_id=household.pk)
        return complaint.number

    return building, committed(create, tenant=world.alpha)


def test_p02_register_lookup_and_history_at_390px(page_for, world, earlier):
    building, number = earlier
    page = page_for(world.alpha, "alpha_cs_staff")
    page.set_viewport_size(PHONE)
    page.goto(page.url + "complaints/new/")
    page.fill("input[name=unit_query]", building + "-2")
    option = page.locator(".suggestions li[role=option]")
    option.first.wait_for()
    assert option.count() == 1 and (building + "-201") in option.first.inner_text()
    box = option.first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    option.first.dispatch_event("mousedown")
    assert page.input_value("input[name=complainant_name]") == "卫七"
    history = page.locator(".unit-history-slot .unit-history")
    history.wait_for()
    assert number in history.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
