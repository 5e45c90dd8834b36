"""P-02 (issue 9 §3 defect 3): the household lookup of 登记投诉 matches a partial unit in natural order
(P-01), a resident's name and a phone or its last digits, at most 20, in a constant number of queries,
each branch on an index."""

import pytest
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Reverse
from django.test.utils import CaptureQueriesContext

from modules.residents import selectors
from modules.residents.models import Building, Household, Resident, Unit
from modules.residents.services import resident_register

pytestmark = pytest.mark.django_db


def _home(building: str, room: str, name: str, phone: str, household: str = "") -> Resident:
    return resident_register(building_name=building, unit_number=room, household_name=household or name,
                             name=name, phone=phone)


def _labels(q: str) -> list[str]:
    return [h.unit.label for h in selectors.household_search(q=q)]


def _rooms(world, in_tenant):
    with in_tenant(world.alpha):
        for n, room in enumerate(["1001", "201", "102", "101"]):
            _home("71栋", room, f"住户{n}", f"1390000{n:04d}")
        _home("710栋", "201", "别楼住户", "13911110000")


def test_p02_lookup_building_lists_its_rooms_in_natural_order(world, in_tenant):
    _rooms(world, in_tenant)
    with in_tenant(world.alpha):
        assert _labels("71栋") == ["71栋-101", "71栋-102", "71栋-201", "71栋-1001"]


@pytest.mark.parametrize("q,expected", [
    ("71栋-2", ["71栋-201"]), ("71栋-10", ["71栋-101", "71栋-102", "71栋-1001"]), ("71栋2", ["71栋-201"]),
    ("71-2", ["71栋-201"]), ("71栋 102", ["71栋-102"]), ("710栋-", ["710栋-201"]),
])
def test_p02_lookup_building_and_start_of_room(world, in_tenant, q, expected):
    _rooms(world, in_tenant)
    with in_tenant(world.alpha):
        assert _labels(q) == expected


def test_p02_lookup_by_resident_name_not_only_household_name(world, in_tenant):
    with in_tenant(world.alpha):
        owner = _home("72栋", "301", "欧阳娜", "13512345678", household="欧阳家")
        _home("72栋", "302", "王五", "13512340000")
        found = selectors.household_search(q="欧阳娜")
        assert [h.pk for h in found] == [owner.household_id]
        assert [r.name for r in found[0].active_residents] == ["欧阳娜"]
        assert _labels("欧阳") == ["72栋-301"]


@pytest.mark.parametrize("q", ["5678", "13512345678", "1351234567", "135 1234 5678", "+86 135 1234 5678"])
def test_p02_lookup_by_phone_or_its_last_digits(world, in_tenant, q):
    with in_tenant(world.alpha):
        _home("73栋", "101", "陈七", "13512345678")
        _home("73栋", "102", "林八", "13800001111")
        assert _labels(q) == ["73栋-101"]


def test_p02_lookup_skips_moved_out_households_and_people(world, in_tenant):
    with in_tenant(world.alpha):
        gone = _home("74栋", "101", "搬走户", "13600009999")
        Household.objects.filter(pk=gone.household_id).update(is_active=False)
        left = _home("74栋", "102", "孙九", "13600008888", household="孙家")
        Resident.objects.filter(pk=left.pk).update(is_active=False)
        assert _labels("74栋") == ["74栋-102"]
        assert _labels("8888") == [] and _labels("孙九") == []


def test_p02_lookup_is_bounded_and_its_query_count_constant(world, in_tenant):
    with in_tenant(world.alpha):
        for room in range(1, 26):
            _home("75栋", f"{room}01", f"住户{room}", f"1370000{room:04d}")
        _home("76栋", "101", "单户", "13711112222")
        with CaptureQueriesContext(connection) as one:
            assert _labels("76栋") == ["76栋-101"]
        with CaptureQueriesContext(connection) as many:
            found = _labels("75栋")
        assert found == [f"75栋-{room}01" for room in range(1, 21)]  # natural: 101, 201, …, 2001
        assert len(many) == len(one) == 3
        assert selectors.household_search(q="75栋" + "x" * 500) == []  # bounded, no error


def _branch_on_its_table(index: str):
    """The lookup a `_lookup_branches` branch makes, on the table that owns its index. Explained on the
    joined household query the planner may, at a few rows, rightly start from another table instead; with
    the model's ordering it may walk an index that gives the order and filter (both seen in CI)."""
    q = {"residents_unit_no_prefix": "30", "residents_res_name_prefix": "欧阳", "residents_res_phone_tail": "5678"}[index]
    if index == "residents_unit_no_prefix":
        return Unit.objects.filter(number__istartswith=q)
    if index == "residents_res_name_prefix":
        return Resident.objects.filter(name__istartswith=q, is_active=True)
    return Resident.objects.annotate(reversed_phone=Reverse("phone")).filter(
        reversed_phone__startswith=q[::-1], is_active=True)


def _crowd(n: int) -> None:
    """`n` homes none of the lookups match, so that walking a whole index and filtering costs more than
    the lookup's own index (at a few rows the two tie and the planner may take either)."""
    building = Building.objects.create(name="88栋")
    units = Unit.objects.bulk_create(Unit(building=building, number=f"9{k:04d}") for k in range(n))
    homes = Household.objects.bulk_create(Household(unit=unit, name=f"住户{k}") for k, unit in enumerate(units))
    Resident.objects.bulk_create(Resident(household=home, name=f"张{k}", phone=f"1390000{k:04d}")
                                 for k, home in enumerate(homes))


@pytest.mark.parametrize("index", ["residents_res_phone_tail", "residents_res_name_prefix",
                                   "residents_unit_no_prefix"])
def test_p02_lookup_branches_use_their_index(world, in_tenant, index):
    """With sequential scans priced out the planner must find the index: a lookup it cannot serve scans."""
    with in_tenant(world.alpha), transaction.atomic():
        _home("77栋", "301", "欧阳娜", "13512345678")
        _crowd(400)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE residents_unit, residents_resident")
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = _branch_on_its_table(index).order_by().values("id").explain()  # no sort an index could serve
        assert index in plan and "Index Cond" in plan


@pytest.mark.parametrize("q,branch", [("30", Q(unit__number__istartswith="30")),
                                      ("欧阳", Q(residents__name__istartswith="欧阳", residents__is_active=True))])
def test_p02_lookup_branches_are_the_indexed_lookups(q, branch):
    """The lookups `test_p02_lookup_branches_use_their_index` explains are the ones the search makes."""
    assert branch in selectors._lookup_branches(q)
