"""Issue 9 §3.11 (P-01): buildings and rooms are listed in natural order (1栋, 2栋, 10栋; 101, 102, 1001)
on the pages, in the API and in the pickers — by a stored key, not by sorting whole tables in Python."""

import pytest
from django.urls import reverse

from core.natural import natural_key

pytestmark = pytest.mark.django_db


def test_natural_key_orders_numbers_by_value_P01():
    names = ["10栋", "1栋", "2栋", "A座", "１１栋"]
    assert sorted(names, key=natural_key) == ["1栋", "2栋", "10栋", "１１栋", "A座"]
    assert sorted(["1001", "101", "102", "11"], key=natural_key) == ["11", "101", "102", "1001"]


def _places(in_tenant, world):
    from modules.residents.services import building_create, unit_create

    with in_tenant(world.beta):
        made = {name: building_create(name=name) for name in ("N10栋", "N1栋", "N2栋")}
        for number in ("1001", "101", "102"):
            unit_create(building=made["N1栋"], number=number)
        return made


def _in_order(text, names):
    positions = [text.index(name) for name in names]
    return positions == sorted(positions)


def test_building_and_unit_lists_are_in_natural_order_P01(world, in_tenant):
    from modules.residents import selectors
    from modules.residents.models import Unit

    made = _places(in_tenant, world)
    with in_tenant(world.beta):
        names = [b.name for b in selectors.building_list() if b.name.startswith("N")]
        numbers = list(Unit.objects.filter(building=made["N1栋"]).values_list("number", flat=True))
        listed = [u.number for u in selectors.unit_list(building_id=made["N1栋"].pk)]
    assert names == ["N1栋", "N2栋", "N10栋"]
    assert numbers == listed == ["101", "102", "1001"]


def test_renamed_building_takes_its_new_place_P01(world, in_tenant):
    from modules.residents import selectors
    from modules.residents.services.places import building_update

    made = _places(in_tenant, world)
    with in_tenant(world.beta):
        building_update(building_id=made["N10栋"].pk, data={"name": "N0栋"})
        names = [b.name for b in selectors.building_list() if b.name.startswith("N")]
    assert names == ["N0栋", "N1栋", "N2栋"]


def test_pages_api_and_pickers_list_buildings_naturally_P01(world, in_tenant, client_for):
    made = _places(in_tenant, world)
    client = client_for(world.beta, "office_director")
    page = client.get(reverse("residents:buildings", urlconf="core.urls.office")).content.decode()
    assert _in_order(page, [">N1栋<", ">N2栋<", ">N10栋<"])
    rooms = client.get(reverse("residents:buildings", urlconf="core.urls.office")
                       + f"?building={made['N1栋'].pk}").content.decode()
    assert _in_order(rooms, [">101", ">102", ">1001"])
    api = client.get("/api/v1/residents/buildings/?page_size=100").json()
    assert [b["name"] for b in api["results"] if b["name"].startswith("N")] == ["N1栋", "N2栋", "N10栋"]
    picker = client.get(reverse("frontdesk:notices", urlconf="core.urls.office")).content.decode()
    assert _in_order(picker, ["N1栋", "N2栋", "N10栋"])
