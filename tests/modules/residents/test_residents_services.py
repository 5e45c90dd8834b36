"""Residents services and selectors (P-01, P-02): phones, create/update with events, search."""

import pytest

from core.errors import NotFound, ValidationFailed
from modules.residents import selectors
from modules.residents.models import Household, Resident, ResidentEvent
from modules.residents.services import (
    building_create,
    household_create,
    household_ensure,
    resident_create,
    resident_register,
    resident_update,
    unit_create,
)

pytestmark = pytest.mark.django_db


def _resident(name="张三", phone="13800138000", unit="101", building="1栋", relation=Resident.OWNER,
              household=None, kind=Household.HOME):
    return resident_register(building_name=building, unit_number=unit, household_name=household or name,
                             kind=kind, name=name, phone=phone, relation=relation)


@pytest.mark.parametrize("phone, stored", [
    ("13800138000", "13800138000"),
    ("+86 139 0013 8000", "13900138000"),
    ("021-12345678", "021-12345678"),
    ("0755 12345678", "075512345678"),
    ("010-6512345-801", "010-6512345-801"),
])
def test_valid_mobile_and_landline_with_area_code_are_kept_P01(world, in_tenant, phone, stored):
    with in_tenant(world.alpha):
        assert _resident(phone=phone).phone == stored


@pytest.mark.parametrize("phone", ["12345", "12345678", "23800138000", "1380013800", "021-123", "", "电话"])
def test_invalid_phone_is_refused_with_field_named_P01(world, in_tenant, phone):
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as caught:
            _resident(phone=phone)
        assert "phone" in caught.value.fields
        assert not Resident.objects.exists()  # nothing half-written: no household either
        assert not Household.objects.exists()


def test_register_creates_building_unit_household_once_P01(world, in_tenant):
    with in_tenant(world.alpha):
        first = _resident(name="王五", household="王家")
        second = _resident(name="王小五", household="王家", relation=Resident.FAMILY, phone="13900000001")
        assert first.household_id == second.household_id
        assert first.household.unit.label == "1栋-101"
        enterprise = _resident(name="李经理", household="星辰科技有限公司", kind=Household.ENTERPRISE,
                               phone="0571-88886666")
        assert enterprise.household.kind == Household.ENTERPRISE
        assert enterprise.household.unit_id == first.household.unit_id
        assert ResidentEvent.objects.filter(action=ResidentEvent.CREATED).count() == 3


def test_household_ensure_names_missing_fields(world, in_tenant):
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as caught:
            household_ensure(building_name=" ", unit_number="", household_name="x")
        assert set(caught.value.fields) == {"building", "unit_number"}


def test_same_name_and_phone_twice_in_household_is_refused(world, in_tenant):
    with in_tenant(world.alpha):
        resident = _resident()
        with pytest.raises(ValidationFailed) as caught:
            resident_create(household=resident.household, name="张三", phone="13800138000")
        assert "phone" in caught.value.fields


def test_update_writes_event_with_old_and_new_P01(world, in_tenant):
    with in_tenant(world.alpha):
        resident = _resident()
        resident_update(resident_id=resident.pk, data={"phone": "13900139000", "relation": "tenant"})
        resident.refresh_from_db()
        assert (resident.phone, resident.relation) == ("13900139000", Resident.TENANT)
        event = resident.events.get(action=ResidentEvent.UPDATED)
        assert event.changes == {"phone": ["13800138000", "13900139000"], "relation": ["owner", "tenant"]}


def test_update_with_bad_input_changes_nothing(world, in_tenant):
    with in_tenant(world.alpha):
        resident = _resident()
        with pytest.raises(ValidationFailed) as caught:
            resident_update(resident_id=resident.pk, data={"name": "新名", "phone": "123"})
        assert list(caught.value.fields) == ["phone"]
        resident.refresh_from_db()
        assert resident.name == "张三"
        assert not resident.events.filter(action=ResidentEvent.UPDATED).exists()


def test_update_unknown_resident_is_not_found(world, in_tenant):
    with in_tenant(world.alpha):
        with pytest.raises(NotFound):
            resident_update(resident_id=999999, data={"name": "x"})


def test_search_by_unit_number_name_and_phone(world, in_tenant):
    with in_tenant(world.alpha):
        zhang = _resident()
        li = _resident(name="李四", phone="13911112222", unit="1202", building="2栋")
        assert list(selectors.resident_list(q="101")) == [zhang]
        assert list(selectors.resident_list(q="2栋-1202")) == [li]
        assert list(selectors.resident_list(q="李")) == [li]
        assert list(selectors.resident_list(q="1111")) == [li]
        assert list(selectors.resident_list(unit_number="1202")) == [li]
        assert list(selectors.resident_list(building_id=zhang.household.unit.building_id)) == [zhang]
        assert list(selectors.resident_list(relation="tenant")) == []


def test_inactive_resident_is_hidden_from_the_list(world, in_tenant):
    with in_tenant(world.alpha):
        resident = _resident()
        resident_update(resident_id=resident.pk, data={"is_active": False})
        assert not selectors.resident_list(q="张三").exists()
        assert selectors.resident_list(q="张三", include_inactive=True).exists()


def test_household_search_by_unit_or_phone_lists_residents_P02(world, in_tenant):
    with in_tenant(world.alpha):
        owner = _resident(household="张家")
        _resident(name="张小三", phone="13700001111", household="张家", relation=Resident.FAMILY)
        _resident(name="赵六", phone="13600002222", unit="102")
        by_unit = selectors.household_search(q="101")
        assert [h.pk for h in by_unit] == [owner.household_id]
        assert [(r.name, r.phone) for r in by_unit[0].active_residents] == [
            ("张三", "13800138000"), ("张小三", "13700001111")]
        assert [h.unit.label for h in selectors.household_search(q="0002222")] == ["1栋-102"]
        assert selectors.household_search(q="") == []


def test_explicit_building_unit_household_create_refuse_duplicates_P01(world, in_tenant):
    with in_tenant(world.alpha):
        building = building_create(name="写字楼A座")
        unit = unit_create(building=building, number="1801", floor="18")
        household = household_create(unit=unit, name="云帆贸易", kind=Household.ENTERPRISE)
        assert household.get_kind_display() == "企业"
        for call, field in ((lambda: building_create(name="写字楼A座"), "name"),
                            (lambda: unit_create(building=building, number="1801"), "number"),
                            (lambda: household_create(unit=unit, name="云帆贸易"), "name"),
                            (lambda: household_create(unit=unit, name="别家", kind="shop"), "kind")):
            with pytest.raises(ValidationFailed) as caught:
                call()
            assert field in caught.value.fields
