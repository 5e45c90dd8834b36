"""Duty API — the log (D-06): add, correct, release, sign; 400/403/404."""

import pytest

from tests.modules.duty.duty_kit import PAST, at, instance, person

pytestmark = pytest.mark.django_db
BASE = "/api/v1/duty"


def test_add_and_correct_entry_D06(world, client_for):
    client = client_for(world.alpha, "duty_officer")
    made = client.post(f"{BASE}/entries/", {"kind": "complaint", "content": "噪音投诉",
                                            "occurred_at": at(PAST, 14).isoformat()}, content_type="application/json")
    assert made.status_code == 201, made.content
    entry = made.json()
    fixed = client.post(f"{BASE}/entries/{entry['id']}/correct/", {"content": "噪音投诉（装修）", "result": "已劝停"},
                        content_type="application/json")
    assert fixed.status_code == 201 and fixed.json()["corrects"] == entry["id"]
    listed = client.get(f"{BASE}/entries/", {"instance": entry["instance"]}).json()["results"]
    assert [e["id"] for e in listed] == [entry["id"], fixed.json()["id"]]
    assert listed[0]["corrected"] is True
    again = client.post(f"{BASE}/entries/{entry['id']}/correct/", {"content": "x"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_corrected"


def test_auto_entry_shows_source_link_in_shift_log_D06(world, client_for, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry

    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="help", content="前台来电求助", source_type="contact", source_id=77,
                            occurred_at=at(PAST, 15))
        shift_id = instance("day", PAST).pk
    listed = client_for(world.alpha, "duty_officer").get(f"{BASE}/entries/", {"instance": shift_id}).json()
    assert [e["source_url"] for e in listed["results"]] == ["/frontdesk/contacts/77/"]


def test_bad_entry_is_400_with_field_D06(world, client_for):
    response = client_for(world.alpha, "duty_officer").post(f"{BASE}/entries/", {"kind": "chat", "content": ""},
                                                            content_type="application/json")
    assert response.status_code == 400
    assert {"kind", "content"} <= set(response.json()["error"]["fields"])


def test_sign_needs_duty_sign_and_signs_once_D06(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        shift_id = instance("night", PAST).pk
    assert client_for(world.alpha, "duty_officer").post(f"{BASE}/instances/{shift_id}/sign/").status_code == 403
    director = client_for(world.alpha, "duty_director")
    assert director.post(f"{BASE}/instances/{shift_id}/sign/").status_code == 200
    second = director.post(f"{BASE}/instances/{shift_id}/sign/")
    assert second.status_code == 409 and second.json()["error"]["code"] == "already_signed"


def test_release_by_supervisor_only_D05(world, client_for, in_tenant):
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        entry = log_entry_add(user=person(world, "duty_officer"), kind="incident", content="停电",
                              occurred_at=at(PAST, 9, 30), important=True)
    assert client_for(world.alpha, "duty_officer").post(f"{BASE}/entries/{entry.pk}/release/").status_code == 403
    released = client_for(world.alpha, "cs_supervisor").post(f"{BASE}/entries/{entry.pk}/release/")
    assert released.status_code == 200 and released.json()["released_by_name"] == "alpha_cs_supervisor"


def test_log_api_is_404_for_another_office_and_without_role_D06(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        shift_id = instance("day", PAST).pk
    stranger = client_for(world.alpha, "duty_officer", user_of=world.beta)
    for url in (f"{BASE}/entries/", f"{BASE}/now/", f"{BASE}/instances/{shift_id}/"):
        assert stranger.get(url).status_code == 404, url
    for url in (f"{BASE}/entries/", f"{BASE}/entries/1/correct/", f"{BASE}/entries/1/release/",
                f"{BASE}/instances/{shift_id}/sign/", f"{BASE}/instances/{shift_id}/start/"):
        assert stranger.post(url, {}, content_type="application/json").status_code == 404, url
    assert client_for(world.alpha, "cashier").get(f"{BASE}/entries/").status_code == 403
