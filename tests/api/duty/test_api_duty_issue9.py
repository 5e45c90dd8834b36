"""Duty API for issue 9 §3.1/§3.2: mark unfinished work done (D-05) and the supervisor names the incoming
officer when nobody is rostered next (D-03, D-05) — happy path, bad input, a role without the
permission, another office's user."""

import pytest

from tests.modules.duty.duty_kit import FUTURE, PAST, assign, at, instance, person

pytestmark = pytest.mark.django_db
BASE = "/api/v1/duty"
JSON = "application/json"


def _opened_without_next(world, in_tenant):
    from modules.duty.services.handover import handover_open

    with in_tenant(world.alpha):
        assign(world, "duty_officer", "day", FUTURE)
        return handover_open(user=person(world, "duty_officer"), instance_id=instance("day", FUTURE).pk)


def test_supervisor_names_incoming_officer_D03_D05(world, client_for, in_tenant):
    handover = _opened_without_next(world, in_tenant)
    director = client_for(world.alpha, "duty_director")
    url = f"{BASE}/handovers/{handover.pk}/incoming/"
    bad = director.post(url, {"person": "x"}, content_type=JSON)
    assert bad.status_code == 400 and "person" in bad.json()["error"]["fields"]
    stranger = director.post(url, {"person": world.users[("beta", "cs_staff")].pk}, content_type=JSON)
    assert stranger.status_code == 400 and "person" in stranger.json()["error"]["fields"]
    named = director.post(url, {"person": person(world, "cs_staff").pk}, content_type=JSON)
    assert named.status_code == 200, named.content
    again = director.post(url, {"person": person(world, "cs_staff").pk}, content_type=JSON)
    assert again.status_code == 409 and again.json()["error"]["code"] == "incoming_rostered"
    arrived = client_for(world.alpha, "cs_staff").post(f"{BASE}/handovers/{handover.pk}/arrive/")
    assert arrived.status_code == 200


def test_naming_needs_the_supervisor_role_and_this_office_D03(world, client_for, in_tenant):
    handover = _opened_without_next(world, in_tenant)
    url = f"{BASE}/handovers/{handover.pk}/incoming/"
    data = {"person": person(world, "cs_staff").pk}
    assert client_for(world.alpha, "duty_officer").post(url, data, content_type=JSON).status_code == 403
    other = client_for(world.alpha, "office_director", user_of=world.beta)
    assert other.post(url, data, content_type=JSON).status_code == 404


def test_mark_done_lets_the_handover_open_D05(world, client_for, in_tenant):
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        assign(world, "duty_officer", "day", PAST)
        assign(world, "cs_staff", "night", PAST)
        entry = log_entry_add(user=person(world, "duty_officer"), kind="incident", content="电梯困人",
                              occurred_at=at(PAST, 10), important=True)
        shift_id = instance("day", PAST).pk
    officer = client_for(world.alpha, "duty_officer")
    refused = officer.post(f"{BASE}/instances/{shift_id}/handover/", {}, content_type=JSON)
    assert refused.status_code == 409 and refused.json()["error"]["fields"]["entries"] == ["10:00 突发事件：电梯困人"]
    url = f"{BASE}/entries/{entry.pk}/complete/"
    assert officer.post(url, {"result": ""}, content_type=JSON).status_code == 400
    done = officer.post(url, {"result": "已解救，报修"}, content_type=JSON)
    assert done.status_code == 201 and done.json()["result"] == "已解救，报修"
    assert officer.post(url, {"result": "再次"}, content_type=JSON).status_code == 409
    assert officer.post(f"{BASE}/instances/{shift_id}/handover/", {}, content_type=JSON).status_code == 201


def test_mark_done_needs_the_log_role_and_this_office_D05(world, client_for, in_tenant):
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        entry = log_entry_add(user=person(world, "duty_officer"), kind="help", content="求助",
                              occurred_at=at(PAST, 11))
    url = f"{BASE}/entries/{entry.pk}/complete/"
    assert client_for(world.alpha, "cashier").post(url, {"result": "好"}, content_type=JSON).status_code in (403, 404)
    other = client_for(world.alpha, "office_director", user_of=world.beta)
    assert other.post(url, {"result": "好"}, content_type=JSON).status_code == 404
