"""P-01 pages: edit a building, unit and household; a type correction shows in the change record."""

import pytest

from modules.residents.models import Household, PlaceEvent
from modules.residents.services import resident_register

pytestmark = pytest.mark.django_db


def _household(world, in_tenant):
    with in_tenant(world.alpha):
        return resident_register(building_name="6栋", unit_number="601", household_name="郑家", name="郑一",
                                 phone="13800138006").household


def test_household_edit_page_corrects_kind_P01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    desk = client_for(world.alpha, "cs_staff")
    url = f"/residents/households/{household.pk}/edit/"
    assert "郑家" in desk.get(url).content.decode()
    response = desk.post(url, {"name": "郑家", "kind": "enterprise", "is_active": "on", "change_note": "更正"})
    assert response.status_code == 302
    with in_tenant(world.alpha):
        assert Household.objects.get(pk=household.pk).kind == "enterprise"
        assert PlaceEvent.objects.filter(entity="household", entity_id=household.pk, action="kind_corrected").exists()
    assert "更正类型" in desk.get(url).content.decode()
    bad = desk.post(url, {"name": "", "kind": "home", "is_active": "on"})
    assert bad.status_code == 400


def test_unit_and_building_pages_P01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    desk = client_for(world.alpha, "cs_staff")
    listing = desk.get(f"/residents/buildings/?building={household.unit.building_id}").content.decode()
    assert "6栋" in listing and "601" in listing
    busy = desk.post(f"/residents/units/{household.unit_id}/edit/", {"number": "601"})  # unchecked → deactivate
    assert busy.status_code == 400 and "在住的住户" in busy.content.decode()
    renamed = desk.post(f"/residents/buildings/{household.unit.building_id}/edit/",
                        {"name": "6号楼", "is_active": "on"})
    assert renamed.status_code == 302


def test_place_pages_gated_and_isolated_P01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    urls = [f"/residents/households/{household.pk}/edit/", f"/residents/units/{household.unit_id}/edit/",
            f"/residents/buildings/{household.unit.building_id}/edit/"]
    for url in urls:
        assert client_for(world.alpha, "cashier").get(url).status_code == 404
        assert client_for(world.alpha, "cs_staff", user_of=world.beta).get(url).status_code == 404
    assert client_for(world.alpha, "cashier").get("/residents/buildings/").status_code == 200
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).get("/residents/buildings/").status_code == 404
