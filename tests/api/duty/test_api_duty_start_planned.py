"""Issue 7 §5: starting a planned shift through the API, as the shift page does (D-01, D-05). "On
duty now" lists a shift without an instance row with a null id: the client starts it by shift and date."""

import pytest
from django.utils import timezone

from tests.modules.duty.duty_kit import assign

pytestmark = pytest.mark.django_db
BASE = "/api/v1/duty"


def _today():
    from modules.duty.shifts import local_date

    return local_date(timezone.now())


def _day_shift(world, in_tenant, role="duty_officer"):
    from modules.duty.models import ShiftInstance, ShiftTemplate

    with in_tenant(world.alpha):
        shift = ShiftTemplate.objects.get(code="day")
        ShiftInstance.objects.filter(shift=shift, date=_today()).delete()
        assign(world, role, "day", _today())
    return shift


def test_start_planned_shift_makes_and_starts_the_instance_D01(world, client_for, in_tenant):
    shift = _day_shift(world, in_tenant)
    response = client_for(world.alpha, "duty_officer").post(
        f"{BASE}/shifts/{shift.pk}/start/", {"date": _today().isoformat()}, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] and body["status"] == "on_duty" and body["shift"]["id"] == shift.pk


def test_start_planned_shift_bad_input_D01(world, client_for, in_tenant):
    shift = _day_shift(world, in_tenant)
    client = client_for(world.alpha, "duty_officer")
    for body in ({}, {"date": "x"}, {"date": "2020-01-01"}):
        response = client.post(f"{BASE}/shifts/{shift.pk}/start/", body, content_type="application/json")
        assert response.status_code == 400 and "date" in response.json()["error"]["fields"], body
    missing = client.post(f"{BASE}/shifts/999999/start/", {"date": _today().isoformat()},
                          content_type="application/json")
    assert missing.status_code == 404


def test_start_planned_shift_not_on_roster_leaves_no_row_D05(world, client_for, in_tenant):
    from modules.duty.models import ShiftInstance

    shift = _day_shift(world, in_tenant)
    response = client_for(world.alpha, "cs_leader").post(
        f"{BASE}/shifts/{shift.pk}/start/", {"date": _today().isoformat()}, content_type="application/json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "not_on_roster"
    with in_tenant(world.alpha):
        assert not ShiftInstance.objects.filter(shift=shift, date=_today()).exists()


def test_start_planned_shift_role_and_other_office(world, client_for, in_tenant):
    shift = _day_shift(world, in_tenant)
    body = {"date": _today().isoformat()}
    assert client_for(world.alpha, "cashier").post(f"{BASE}/shifts/{shift.pk}/start/", body,
                                                   content_type="application/json").status_code == 403
    stranger = client_for(world.alpha, "duty_officer", user_of=world.beta)
    assert stranger.post(f"{BASE}/shifts/{shift.pk}/start/", body, content_type="application/json").status_code == 404
