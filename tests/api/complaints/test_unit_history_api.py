"""P-02 (issue 9 §3 defects 3 and 16) in the API: the household lookup matches part of a unit and a
resident's name; a household's complaints are `?household=` on the complaint list, newest first. Bad input
is 400 naming the field; another office's user gets 404 and another office's households are not there."""

import pytest

from modules.residents.services import resident_register
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def _household(tenant, in_tenant, room="301", name="何五", phone="13787654321"):
    with in_tenant(tenant):
        return resident_register(building_name="82栋", unit_number=room, household_name=name, name=name,
                                 phone=phone).household


def test_p02_households_api_matches_partial_unit_and_resident_name(client_for, world, in_tenant):
    _household(world.alpha, in_tenant)
    _household(world.alpha, in_tenant, room="1201", name="吕六", phone="13787650000")
    client = client_for(world.alpha, "cs_staff")
    units = lambda q: [h["unit"] for h in client.get("/api/v1/residents/households/", {"q": q}).json()]  # noqa: E731
    assert units("82栋") == ["82栋-301", "82栋-1201"]
    assert units("82栋-1") == ["82栋-1201"]
    assert units("吕六") == ["82栋-1201"] and units("4321") == ["82栋-301"]
    bad = client.get("/api/v1/residents/households/", {"q": "x" * 65})
    assert bad.status_code == 400 and "q" in bad.json()["error"]["fields"]


def test_p02_complaint_list_by_household_newest_first(client_for, world, in_tenant):
    household = _household(world.alpha, in_tenant)
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        made = [register(staff, household_id=household.pk) for _ in range(3)]
        register(staff)
    client = client_for(world.alpha, "cs_staff")
    data = client.get("/api/v1/complaints/", {"household": household.pk}).json()
    assert [row["number"] for row in data["results"]] == [c.number for c in reversed(made)]
    bad = client.get("/api/v1/complaints/", {"household": "abc"})
    assert bad.status_code == 400 and "household" in bad.json()["error"]["fields"]


def test_p02_isolation_lookup_and_history_of_another_office(client_for, world, in_tenant):
    household = _household(world.alpha, in_tenant)
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        register(staff, household_id=household.pk)
    stranger = client_for(world.alpha, "cs_staff", user_of=world.beta)
    assert stranger.get("/api/v1/residents/households/", {"q": "82栋"}).status_code == 404
    assert stranger.get("/api/v1/complaints/", {"household": household.pk}).status_code == 404
    beta = client_for(world.beta, "cs_staff")
    assert beta.get("/api/v1/residents/households/", {"q": "何五"}).json() == []
    assert beta.get("/api/v1/complaints/", {"household": household.pk}).json()["count"] == 0
