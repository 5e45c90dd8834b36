"""P-01 in a real browser: front-desk staff log in on their office's host and find a resident."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def resident(world, committed, unique_name):
    from modules.residents.models import Building, Household, Resident, Unit

    def create():
        building = Building.objects.create(name=unique_name("E2E楼"))
        unit = Unit.objects.create(building=building, number="1203")
        household = Household.objects.create(unit=unit, name=unique_name("户"))
        return Resident.objects.create(household=household, name=unique_name("张三"), phone="13800138000")

    return committed(create, tenant=world.alpha)


def test_office_staff_finds_a_resident_by_searching_P01(page_for, world, resident):
    page = page_for(world.alpha, "alpha_cs_staff")
    page.goto(page.url.rstrip("/") + "/residents/")
    page.fill("input[name=q]", resident.name)
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/residents/?q=*")
    row = page.locator("table tr", has_text=resident.name)
    assert row.count() == 1
    assert "1203" in row.inner_text()


def test_user_of_another_office_logs_in_but_sees_nothing_R04(page_for, world):
    """The login form authenticates anyone of the group; without a membership here, every page is 404."""
    page = page_for(world.alpha, "beta_cs_staff")
    for path in ("/", "/residents/"):
        response = page.goto(page.url.rstrip("/") + path)
        assert response.status == 404, path


def test_session_of_one_office_is_not_sent_to_another_R04(page_for, world):
    page = page_for(world.beta, "beta_cs_staff")
    page.goto(page.url.rstrip("/").replace("beta.", "alpha.") + "/residents/")
    assert "/accounts/login/" in page.url  # host-only cookie: alpha's host never saw beta's session
