"""Issue 9 §3.4 at 390 px (a phone): the complaint queue and the contact register do not scroll the page
sideways; each row is one card with its number, status and countdown in view; every menu entry is
visible (wrapped), in Chinese and in English. Before: 1,050 px wide tables and four hidden menu items."""

import pytest

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def office_rows(world, committed, unique_name):
    from modules.complaints.services import complaint_assign, complaint_register
    from modules.frontdesk.services import ContactInput, contact_register

    name = unique_name("窄屏")

    def create():
        staff = world.users[("alpha", "cs_staff")]
        complaint = complaint_register(user=staff, channel="phone", complainant_name=name,
                                       complainant_phone="13800138000", category="repairs",
                                       content="楼道灯坏了，晚上回家看不见路，已经好几天了，请尽快派人维修" * 3)
        complaint_assign(user=staff, complaint_id=complaint.pk, assignee_id=staff.pk)
        contact_register(user=staff, data=ContactInput(
            channel="phone", name=name, phone="13900139000", request="厨房水管漏水，楼下也在渗水" * 4,
            request_type="repair", outcome="workorder", unit="3栋-1201", department="engineering"))
        return complaint.number

    return name, committed(create, tenant=world.alpha)


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _in_view(locator) -> None:
    box = locator.bounding_box()
    assert box is not None and locator.is_visible()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def _menu_fits(page) -> None:
    links = page.locator("nav.main a")
    assert links.count() >= 8
    for index in range(links.count()):
        _in_view(links.nth(index))


def test_complaint_queue_at_390px_is_cards_without_sideways_scroll(page_for, world, office_rows):
    name, number = office_rows
    page = page_for(world.alpha, "alpha_cs_staff")
    page.set_viewport_size(PHONE)
    page.goto(page.url + "complaints/")
    _no_sideways_scroll(page)
    row = page.locator("table.queue tr", has_text=number)
    assert row.count() == 1
    _in_view(row.locator("td.number a"))
    _in_view(row.locator(".countdown"))
    _in_view(row.locator("td[data-label='状态']"))
    _menu_fits(page)


def test_contact_register_at_390px_is_cards_without_sideways_scroll(page_for, world, office_rows):
    name, _number = office_rows
    page = page_for(world.alpha, "alpha_cs_staff")
    page.set_viewport_size(PHONE)
    page.goto(page.url + "frontdesk/contacts/?q=" + name)
    _no_sideways_scroll(page)
    row = page.locator("table.as-cards tr", has_text=name)
    assert row.count() == 1
    _in_view(row.locator("td").first)
    _in_view(row.locator("td.result-number"))
    _menu_fits(page)


def test_english_menu_and_workbench_fit_at_390px(page_for, world, office_rows):
    page = page_for(world.alpha, "alpha_office_director")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.url}])
    page.set_viewport_size(PHONE)
    page.goto(page.url + "complaints/")
    assert page.locator("html").get_attribute("lang") == "en"
    _no_sideways_scroll(page)
    _menu_fits(page)
    page.goto(page.url.split("/complaints/")[0] + "/")
    _no_sideways_scroll(page)
    assert page.locator("#wb-complaints").is_visible() and page.locator("#wb-figures").is_visible()


def test_people_list_and_person_page_at_390px_without_sideways_scroll(page_for, world):
    """Issue 9 §1 (R-01): the director's people pages are cards on a phone, like every list."""
    page = page_for(world.alpha, "alpha_office_director")
    page.set_viewport_size(PHONE)
    page.goto(page.url + "people/")
    _no_sideways_scroll(page)
    assert "as-cards" in (page.locator("table#people").get_attribute("class") or "")
    first = page.locator("table#people tr").nth(1).locator("td").first
    _in_view(first)
    first.locator("a").first.click()
    page.wait_for_load_state()
    _no_sideways_scroll(page)
