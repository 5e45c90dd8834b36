"""P-01: buildings, units and households are corrected or deactivated, never deleted; every change is
an event, and a household's type correction is an event of its own."""

import pytest

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.residents.models import Building, Household, PlaceEvent, Unit
from modules.residents.services import (
    building_update,
    household_update,
    resident_register,
    resident_update,
    unit_update,
)

pytestmark = pytest.mark.django_db


def _place(name="王五", unit="301", building="3栋"):
    resident = resident_register(building_name=building, unit_number=unit, household_name=name, name=name,
                                 phone="13800138003")
    return resident, resident.household, resident.household.unit, resident.household.unit.building


def _events(entity, pk):
    return list(PlaceEvent.objects.filter(entity=entity, entity_id=pk).order_by("id").values_list("action", "changes"))


def test_household_kind_correction_is_its_own_event_P01(world, in_tenant):
    user = world.users[("alpha", "records_clerk")]
    with in_tenant(world.alpha):
        _r, household, _u, _b = _place()
        household_update(household_id=household.pk, data={"kind": "enterprise", "name": "王五商贸"}, user=user,
                         note="名册登记错误")
        household.refresh_from_db()
        assert (household.kind, household.name) == ("enterprise", "王五商贸")
        assert _events("household", household.pk) == [
            ("updated", {"name": ["王五", "王五商贸"]}), ("kind_corrected", {"kind": ["home", "enterprise"]})]
        event = PlaceEvent.objects.get(entity="household", entity_id=household.pk, action="kind_corrected")
        assert event.by_name == str(user) and event.note == "名册登记错误"
        household_update(household_id=household.pk, data={"kind": "enterprise"}, user=user)
        assert len(_events("household", household.pk)) == 2  # no change, no event


def test_deactivate_only_when_nothing_active_below_never_delete_P01(world, in_tenant):
    with in_tenant(world.alpha):
        resident, household, unit, building = _place(name="赵六", unit="302")
        with pytest.raises(NotAllowedNow) as err:
            household_update(household_id=household.pk, data={"is_active": False})
        assert err.value.code == "household_has_active_residents"
        with pytest.raises(NotAllowedNow) as err:
            unit_update(unit_id=unit.pk, data={"is_active": False})
        assert err.value.code == "unit_has_active_households"
        with pytest.raises(NotAllowedNow) as err:
            building_update(building_id=building.pk, data={"is_active": False})
        assert err.value.code == "building_has_active_units"
        resident_update(resident_id=resident.pk, data={"is_active": False})
        household_update(household_id=household.pk, data={"is_active": False})
        unit_update(unit_id=unit.pk, data={"is_active": False})
        building_update(building_id=building.pk, data={"is_active": False}, note="拆除")
        assert Building.objects.filter(pk=building.pk, is_active=False).exists()
        assert Unit.objects.filter(pk=unit.pk, is_active=False).exists()
        assert Household.objects.filter(pk=household.pk, is_active=False).exists()
        assert _events("building", building.pk) == [("deactivated", {"is_active": [True, False]})]
        building_update(building_id=building.pk, data={"is_active": True})
        assert _events("building", building.pk)[-1][0] == "reactivated"


def test_bad_edits_name_the_field_and_change_nothing_P01(world, in_tenant):
    with in_tenant(world.alpha):
        _r, household, unit, building = _place(name="钱七", unit="303")
        _place(name="孙八", unit="304")
        for call, data, field in (
                (lambda d: building_update(building_id=building.pk, data=d), {"name": " "}, "name"),
                (lambda d: unit_update(unit_id=unit.pk, data=d), {"number": "304"}, "number"),
                (lambda d: unit_update(unit_id=unit.pk, data=d), {"area_m2": "大"}, "area_m2"),
                (lambda d: household_update(household_id=household.pk, data=d), {"kind": "shop"}, "kind")):
            with pytest.raises(ValidationFailed) as err:
                call(data)
            assert field in err.value.fields
        unit.refresh_from_db()
        assert unit.number == "303" and not PlaceEvent.objects.filter(entity="unit", entity_id=unit.pk).exists()
        with pytest.raises(NotFound):
            unit_update(unit_id=99999999, data={"floor": "3"})


def test_unit_correction_recorded_P01(world, in_tenant):
    with in_tenant(world.alpha):
        _r, _h, unit, _b = _place(name="周九", unit="305")
        unit_update(unit_id=unit.pk, data={"number": "305A", "floor": "3", "area_m2": "88.5"}, note="门牌更正")
        unit.refresh_from_db()
        assert (unit.number, unit.floor, str(unit.area_m2)) == ("305A", "3", "88.50")
        assert _events("unit", unit.pk) == [("updated", {"number": ["305", "305A"], "floor": ["", "3"],
                                                         "area_m2": [None, "88.50"]})]


def test_deactivated_unit_takes_no_new_household_P01(world, in_tenant):
    with in_tenant(world.alpha):
        resident, household, unit, _b = _place(name="冯二", unit="306")
        resident_update(resident_id=resident.pk, data={"is_active": False})
        household_update(household_id=household.pk, data={"is_active": False})
        unit_update(unit_id=unit.pk, data={"is_active": False})
        with pytest.raises(ValidationFailed) as err:
            _place(name="陈三", unit="306")
        assert "unit_number" in err.value.fields
        unit_update(unit_id=unit.pk, data={"is_active": True})
        assert _place(name="陈三", unit="306")[1].unit_id == unit.pk
