"""P-01 API: read and edit buildings, units and households; 400 names the field, a role without the
permission 403, another office's user 404."""

import pytest

from modules.residents.services import resident_register

pytestmark = pytest.mark.django_db
BASE = "/api/v1/residents"
JSON = "application/json"


def _household(world, in_tenant, office=None):
    with in_tenant(office or world.alpha):
        resident = resident_register(building_name="5栋", unit_number="501", household_name="吴家", name="吴十",
                                     phone="13800138005")
    return resident.household


def test_household_kind_correction_via_api_P01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    clerk = client_for(world.alpha, "records_clerk")
    response = clerk.patch(f"{BASE}/households/{household.pk}/", {"kind": "enterprise", "change_note": "实为公司"},
                           content_type=JSON)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["kind"] == "enterprise" and body["events"][0]["action"] == "kind_corrected"
    assert body["events"][0]["note"] == "实为公司"
    assert clerk.get(f"{BASE}/households/{household.pk}/").json()["kind"] == "enterprise"


def test_building_and_unit_edit_and_deactivate_P01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    clerk = client_for(world.alpha, "records_clerk")
    unit_id, building_id = household.unit_id, household.unit.building_id
    renamed = clerk.patch(f"{BASE}/buildings/{building_id}/", {"name": "5号楼"}, content_type=JSON)
    assert renamed.status_code == 200 and renamed.json()["name"] == "5号楼"
    floor = clerk.patch(f"{BASE}/units/{unit_id}/", {"floor": "5", "area_m2": "96.00"}, content_type=JSON)
    assert floor.status_code == 200 and floor.json()["label"] == "5号楼-501" and floor.json()["area_m2"] == "96.00"
    busy = clerk.patch(f"{BASE}/units/{unit_id}/", {"is_active": False}, content_type=JSON)
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "unit_has_active_households"
    assert clerk.get(f"{BASE}/units/{unit_id}/").json()["is_active"] is True


def test_bad_input_is_400_with_field_P01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    clerk = client_for(world.alpha, "records_clerk")
    for url, data, field in ((f"buildings/{household.unit.building_id}/", {"name": ""}, "name"),
                             (f"units/{household.unit_id}/", {"number": ""}, "number"),
                             (f"units/{household.unit_id}/", {"area_m2": "big"}, "area_m2"),
                             (f"households/{household.pk}/", {"kind": "shop"}, "kind"),
                             (f"households/{household.pk}/", {"moved_in": "yesterday"}, "moved_in")):
        response = clerk.patch(f"{BASE}/{url}", data, content_type=JSON)
        assert response.status_code == 400, url
        assert field in response.json()["error"]["fields"], url
    assert clerk.get(f"{BASE}/households/99999999/").status_code == 404


def test_roles_and_other_office_P01(client_for, world, in_tenant):
    household = _household(world, in_tenant)
    paths = [f"households/{household.pk}/", f"units/{household.unit_id}/", f"buildings/{household.unit.building_id}/"]
    cashier = client_for(world.alpha, "cashier")  # may look, may not edit
    for path in paths:
        assert cashier.get(f"{BASE}/{path}").status_code == 200
        assert cashier.patch(f"{BASE}/{path}", {"note": "x"}, content_type=JSON).status_code == 403
    stranger = client_for(world.alpha, "records_clerk", user_of=world.beta)
    for path in paths:
        assert stranger.get(f"{BASE}/{path}").status_code == 404
        assert stranger.patch(f"{BASE}/{path}", {"name": "x"}, content_type=JSON).status_code == 404
