"""Duty API — day register and signature, weekly check, monthly archive and export (D-07)."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.modules.duty.duty_kit import PAST, at, person

pytestmark = pytest.mark.django_db
BASE = "/api/v1/duty"
JSON = "application/json"


def test_day_register_and_sign_D07(world, client_for, in_tenant):
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        entry = log_entry_add(user=person(world, "duty_officer"), kind="help", content="求助",
                              occurred_at=at(PAST, 10))
    register = client_for(world.alpha, "duty_officer").get(f"{BASE}/days/{PAST.isoformat()}/").json()
    assert [e["id"] for e in register["incomplete"]] == [entry.pk] and register["signature"] is None
    assert client_for(world.alpha, "duty_officer").get(f"{BASE}/days/yesterday/").status_code == 400
    supervisor = client_for(world.alpha, "cs_supervisor")
    ack = {"day": PAST.isoformat(), "note": "已知悉未关闭事项"}  # D-07: open items need a note
    assert supervisor.post(f"{BASE}/day-signatures/", ack, content_type=JSON).status_code == 201
    twice = supervisor.post(f"{BASE}/day-signatures/", ack, content_type=JSON)
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "already_signed"
    bad = supervisor.post(f"{BASE}/day-signatures/", {"day": "31/02"}, content_type=JSON)
    assert bad.status_code == 400 and "day" in bad.json()["error"]["fields"]
    assert client_for(world.alpha, "duty_officer").post(f"{BASE}/day-signatures/", {}).status_code == 403


def test_week_check_by_manager_D07(world, client_for):
    manager = client_for(world.alpha, "office_director")
    assert manager.post(f"{BASE}/week-checks/", {"week_start": PAST.isoformat()}, content_type=JSON).status_code == 201
    tuesday = manager.post(f"{BASE}/week-checks/", {"week_start": "2025-03-11"}, content_type=JSON)
    assert tuesday.status_code == 400 and "week_start" in tuesday.json()["error"]["fields"]
    assert client_for(world.alpha, "cs_supervisor").post(f"{BASE}/week-checks/", {}).status_code == 403


def test_archive_and_export_month_D06_D07(world, client_for, in_tenant):
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        log_entry_add(user=person(world, "duty_officer"), kind="patrol", content="巡查花园", occurred_at=at(PAST, 16))
    with in_tenant(world.beta):
        log_entry_add(user=person(world, "duty_officer", "beta"), kind="patrol", content="别处巡查",
                      occurred_at=at(PAST, 16))
    clerk = client_for(world.alpha, "records_clerk")
    assert clerk.post(f"{BASE}/months/archive/", {"month": "2025-03"}, content_type=JSON).status_code == 201
    frozen = client_for(world.alpha, "duty_officer").post(
        f"{BASE}/entries/", {"kind": "patrol", "content": "补记", "occurred_at": at(PAST, 17).isoformat()},
        content_type=JSON)
    assert frozen.status_code == 409 and frozen.json()["error"]["code"] == "month_archived"
    assert clerk.post(f"{BASE}/months/archive/", {"month": "March"}, content_type=JSON).status_code == 400
    assert client_for(world.alpha, "duty_officer").post(f"{BASE}/months/archive/", {}).status_code == 403
    response = clerk.get(f"{BASE}/months/export/", {"month": "2025-03"})
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    contents = [r[5] for r in rows[2:] if len(r) > 5 and r[1]]
    assert contents == ["巡查花园"]
    assert rows[-1][3] == "资料员归档"


def test_day_api_404_for_another_office_D07(world, client_for):
    stranger = client_for(world.alpha, "office_director", user_of=world.beta)
    assert stranger.get(f"{BASE}/days/{PAST.isoformat()}/").status_code == 404
    assert stranger.get(f"{BASE}/months/export/?month=2025-03").status_code == 404
    for url in ("day-signatures/", "week-checks/", "months/archive/"):
        assert stranger.post(f"{BASE}/{url}", {}, content_type=JSON).status_code == 404, url


def test_day_sign_api_requires_note_with_open_items_D07(world, client_for, in_tenant):
    from modules.duty.services.log import log_entry_add

    day = "2025-03-14"
    with in_tenant(world.alpha):
        log_entry_add(user=person(world, "duty_officer"), kind="help", content="求助",
                      occurred_at=at(PAST.replace(day=14), 10))
    supervisor = client_for(world.alpha, "cs_supervisor")
    bare = supervisor.post(f"{BASE}/day-signatures/", {"day": day}, content_type=JSON)
    assert bare.status_code == 400 and bare.json()["error"]["code"] == "acknowledgement_required"
    assert "note" in bare.json()["error"]["fields"]
    signed = supervisor.post(f"{BASE}/day-signatures/", {"day": day, "note": "已知悉"}, content_type=JSON)
    assert signed.status_code == 201 and signed.json()["open_items"]["incomplete"]


def test_week_overview_lists_unsigned_days_D07(world, client_for):
    supervisor = client_for(world.alpha, "cs_supervisor")
    assert supervisor.post(f"{BASE}/day-signatures/", {"day": "2025-03-25"}, content_type=JSON).status_code == 201
    week = client_for(world.alpha, "office_director").get(f"{BASE}/weeks/2025-03-26/").json()
    assert week["week_start"] == "2025-03-24" and "2025-03-25" not in week["unsigned_days"]
    assert "2025-03-24" in week["unsigned_days"] and len(week["unsigned_days"]) == 6
    assert client_for(world.alpha, "office_director").get(f"{BASE}/weeks/someday/").status_code == 400
    assert client_for(world.alpha, "cashier").get(f"{BASE}/weeks/2025-03-26/").status_code == 403
    assert client_for(world.alpha, "office_director", user_of=world.beta).get(
        f"{BASE}/weeks/2025-03-26/").status_code == 404


def test_day_register_api_leaves_out_linked_auto_entry_D07(world, client_for, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="complaint", content="投诉登记", source_type="complaint", source_id=9361,
                            occurred_at=at(PAST, 9))
        important = log_entry_add(user=person(world, "duty_officer"), kind="complaint", content="重要投诉",
                                  important=True, occurred_at=at(PAST, 10), source_type="complaint",
                                  source_id=9362)
        manual = log_entry_add(user=person(world, "duty_officer"), kind="help", content="求助",
                               occurred_at=at(PAST, 11))
    register = client_for(world.alpha, "duty_officer").get(f"{BASE}/days/{PAST.isoformat()}/").json()
    assert [e["id"] for e in register["incomplete"]] == [important.pk, manual.pk]


def test_day_register_returns_linked_entries_D07(world, client_for, in_tenant):
    """D-06/D-07: linked automatic entries are listed apart under `linked`, not as incomplete records."""
    from datetime import date

    from modules.duty.hooks import duty_log_auto_entry

    day = date(2025, 3, 18)
    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="complaint", content="投诉登记：楼道灯不亮", source_type="complaint",
                            source_id=77001, occurred_at=at(day, 9))
    register = client_for(world.alpha, "duty_officer").get(f"{BASE}/days/{day.isoformat()}/").json()
    assert [e["source_id"] for e in register["linked"]] == [77001]
    assert 77001 not in [e["source_id"] for e in register["incomplete"]]
