"""Duty API — shifts, posts, roster (D-01) and requests (D-03)."""

import pytest

from tests.modules.duty.duty_kit import FUTURE, assign, person

pytestmark = pytest.mark.django_db
BASE = "/api/v1/duty"
JSON = "application/json"


def test_default_shifts_and_editing_D01(world, client_for):
    shifts = client_for(world.alpha, "duty_officer").get(f"{BASE}/shifts/").json()
    by_code = {s["code"]: s for s in shifts}
    assert by_code["night"]["start"] == "20:00:00" and by_code["night"]["crosses_midnight"] is True
    assert by_code["director"]["start"] == "18:00:00" and by_code["director"]["end"] == "21:00:00"
    supervisor = client_for(world.alpha, "cs_supervisor")
    changed = supervisor.put(f"{BASE}/shifts/{by_code['day']['id']}/", {
        "code": "day", "name": "客服白班", "start": "08:30", "end": "20:30",
        "post_id": by_code["day"]["post"]}, content_type=JSON)
    assert changed.status_code == 200 and changed.json()["start"] == "08:30:00"
    bad = supervisor.post(f"{BASE}/shifts/", {"code": "x", "name": "x", "start": "25:00", "end": "09:00"},
                          content_type=JSON)
    assert bad.status_code == 400 and "start" in bad.json()["error"]["fields"]
    post = supervisor.post(f"{BASE}/posts/", {"name": "岗亭", "checklist": ["钥匙"]}, content_type=JSON)
    assert post.status_code == 201 and post.json()["checklist"] == ["钥匙"]


def test_roster_month_and_add_D01(world, client_for):
    supervisor = client_for(world.alpha, "cs_supervisor")
    shift_id = supervisor.get(f"{BASE}/shifts/").json()[0]["id"]
    added = supervisor.post(f"{BASE}/roster/", {"date": FUTURE.isoformat(), "shift_id": shift_id,
                                                "person_id": person(world, "duty_officer").pk}, content_type=JSON)
    assert added.status_code == 201, added.content
    month = supervisor.get(f"{BASE}/roster/", {"month": FUTURE.strftime("%Y-%m")}).json()
    assert [r["user_name"] for r in month["results"]] == ["alpha_duty_officer"]
    stranger = supervisor.post(f"{BASE}/roster/", {"date": FUTURE.isoformat(), "shift_id": shift_id,
                                                   "person_id": person(world, "duty_officer", "beta").pk},
                               content_type=JSON)
    assert stranger.status_code == 400 and "person" in stranger.json()["error"]["fields"]
    assert supervisor.get(f"{BASE}/roster/", {"month": "May"}).status_code == 400
    assert client_for(world.alpha, "duty_officer").post(f"{BASE}/roster/", {}, content_type=JSON).status_code == 403


def test_swap_changes_nothing_until_approved_api_D03(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        mine = assign(world, "duty_officer", "day", FUTURE)
        theirs = assign(world, "cs_staff", "night", FUTURE)
    officer, supervisor = client_for(world.alpha, "duty_officer"), client_for(world.alpha, "cs_supervisor")
    made = officer.post(f"{BASE}/requests/", {"assignment_id": mine.pk, "kind": "swap", "reason": "就医",
                                              "swap_with_id": theirs.pk}, content_type=JSON)
    assert made.status_code == 201
    roster = lambda: sorted((r["shift_name"], r["user_name"]) for r in  # noqa: E731
                            officer.get(f"{BASE}/roster/", {"month": FUTURE.strftime("%Y-%m")}).json()["results"])
    before = roster()
    assert before == [("客服夜班", "alpha_cs_staff"), ("客服白班", "alpha_duty_officer")]
    assert officer.get(f"{BASE}/requests/", {"scope": "pending"}).status_code == 403
    assert [r["id"] for r in supervisor.get(f"{BASE}/requests/", {"scope": "pending"}).json()["results"]] == [
        made.json()["id"]]
    assert officer.post(f"{BASE}/requests/{made.json()['id']}/decide/", {"approve": True},
                        content_type=JSON).status_code == 403
    decided = supervisor.post(f"{BASE}/requests/{made.json()['id']}/decide/", {"approve": True}, content_type=JSON)
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert roster() == [("客服夜班", "alpha_duty_officer"), ("客服白班", "alpha_cs_staff")]
    again = supervisor.post(f"{BASE}/requests/{made.json()['id']}/decide/", {"approve": False}, content_type=JSON)
    assert again.status_code == 409 and again.json()["error"]["code"] == "request_decided"


def test_request_bad_input_400_D03(world, client_for):
    bad = client_for(world.alpha, "duty_officer").post(f"{BASE}/requests/", {"assignment_id": 999999, "kind": "nap",
                                                                            "reason": ""}, content_type=JSON)
    assert bad.status_code == 400 and "reason" in bad.json()["error"]["fields"]


def test_roster_api_404_for_another_office_D01_D03(world, client_for):
    stranger = client_for(world.alpha, "cs_supervisor", user_of=world.beta)
    for url in ("shifts/", "posts/", "roster/?month=2031-05", "requests/"):
        assert stranger.get(f"{BASE}/{url}").status_code == 404, url
    for url in ("shifts/", "shifts/1/", "posts/", "posts/1/", "roster/", "roster/1/withdraw/", "requests/",
                "requests/1/decide/", "requests/1/withdraw/"):
        method = stranger.put if url in ("shifts/1/", "posts/1/") else stranger.post
        assert method(f"{BASE}/{url}", {}, content_type=JSON).status_code == 404, url


def test_roster_fill_a_range_skipping_assigned_days_D01(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        assign(world, "duty_officer", "night", FUTURE)
    supervisor = client_for(world.alpha, "cs_supervisor")
    night = next(s["id"] for s in supervisor.get(f"{BASE}/shifts/").json() if s["code"] == "night")
    body = {"shift_id": night, "person_id": person(world, "duty_officer").pk, "start": "2031-05-12",
            "end": "2031-05-15"}
    made = supervisor.post(f"{BASE}/roster/fill/", body, content_type=JSON)
    assert made.status_code == 201 and [r["date"] for r in made.json()] == ["2031-05-13", "2031-05-14", "2031-05-15"]
    backwards = supervisor.post(f"{BASE}/roster/fill/", {**body, "end": "2031-05-01"}, content_type=JSON)
    assert backwards.status_code == 400 and "end" in backwards.json()["error"]["fields"]
    assert client_for(world.alpha, "duty_officer").post(f"{BASE}/roster/fill/", body,
                                                        content_type=JSON).status_code == 403
    stranger = client_for(world.alpha, "cs_supervisor", user_of=world.beta)
    assert stranger.post(f"{BASE}/roster/fill/", body, content_type=JSON).status_code == 404


def test_shift_order_beyond_its_column_is_400_not_500_D01(world, client_for):
    """Found by schemathesis (issue 7 §2.7): `order` is a small integer column."""
    supervisor = client_for(world.alpha, "cs_supervisor")
    body = {"code": "late", "name": "晚班", "start": "12:00", "end": "20:00", "order": 40000}
    response = supervisor.post(f"{BASE}/shifts/", body, content_type=JSON)
    assert response.status_code == 400 and "order" in response.json()["error"]["fields"]
