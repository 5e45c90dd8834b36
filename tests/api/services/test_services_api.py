"""Special services API (S-01..S-05): happy path, bad input, wrong role, another office."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from modules.services.catalog.models import ServiceItem, ServiceProposal
from modules.services.models import Booking, MoneyEntry
from tests.modules.services.helpers import SURVEY, approved_item

pytestmark = pytest.mark.django_db
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()
BASE = "/api/v1/services/"


def _error(response, status, field=None):
    assert response.status_code == status, response.content
    body = response.json()
    if field:
        assert field in body["error"]["fields"], body
    return body


def _book(client, item, **extra):
    wanted = (timezone.now() + timedelta(days=1)).isoformat()
    payload = {"channel": "phone", "item_id": item.pk, "name": "王女士", "phone": "13800000001",
               "address": "1-101", "wanted_at": wanted, **extra}
    return client.post(BASE + "bookings/", payload, content_type="application/json")


def _count(world):
    with tenant_context(world.alpha):
        return Booking.objects.count(), MoneyEntry.objects.count()


def test_s05_full_flow_money_only_through_the_cashier(world, client_for):
    item = approved_item(world, price="80.00", deposit="50.00")
    staff, cashier = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "cashier")
    booking = _book(staff, item).json()
    assert booking["quote_price"] == "80.00" and booking["number"].startswith("TY-")
    url = f"{BASE}bookings/{booking['id']}/"
    response = cashier.post(url + "deposit/", {"kind": "deposit", "amount": "50.00", "receipt_no": "R001"},
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "paid"
    worker = client_for(world.alpha, "cleaning")
    work = {"worker_name": "张师傅", "hours": "2.00", "description": "全屋保洁",
            "materials": [{"name": "清洁剂", "quantity": "1", "unit_price": "12.50"}]}
    assert worker.post(url + "record-work/", work, content_type="application/json").json()["status"] == "done"
    assert staff.post(url + "confirm/", {"signature_data_url": PNG_URL},
                      content_type="application/json").json()["status"] == "confirmed"
    assert client_for(world.alpha, "cs_supervisor").post(url + "check/", {},
                                                        content_type="application/json").json()["status"] == "checked"
    settled = cashier.post(url + "settle/", {"amount": "172.50", "receipt_no": "R002"},
                           content_type="application/json").json()
    assert settled["status"] == "settled"
    kinds = [(row["kind"], row["amount"]) for row in settled["money"]]
    assert kinds == [("deposit", "50.00"), ("refund", "-50.00"), ("settlement", "172.50")]
    sheet = cashier.get(BASE + "day-sheet/").json()
    assert sheet["net"] == "172.50" and sheet["totals"]["deposit"] == "50.00"


def test_s05_settlement_by_non_cashier_is_403_and_writes_nothing(world, client_for):
    item = approved_item(world)
    booking = _book(client_for(world.alpha, "cs_staff"), item).json()
    before = _count(world)
    for role in ("cs_supervisor", "office_director", "cs_staff"):
        client = client_for(world.alpha, role)
        _error(client.post(f"{BASE}bookings/{booking['id']}/deposit/", {"kind": "deposit", "amount": "10.00",
                                                                          "receipt_no": "R9"},
                           content_type="application/json"), 403)
        _error(client.post(f"{BASE}bookings/{booking['id']}/settle/", {"amount": "10.00", "receipt_no": "R9"},
                           content_type="application/json"), 403)
    assert _count(world) == before


@pytest.mark.parametrize("amount", ["-5.00", "5.005"])
def test_s05_deposit_bad_amount_is_400_naming_the_field(world, client_for, amount):
    item = approved_item(world)
    booking = _book(client_for(world.alpha, "cs_staff"), item).json()
    before = _count(world)
    _error(client_for(world.alpha, "cashier").post(
        f"{BASE}bookings/{booking['id']}/deposit/", {"kind": "deposit", "amount": amount, "receipt_no": "R1"},
        content_type="application/json"), 400, "amount")
    assert _count(world) == before


def test_s05_reversal_corrects_a_mistake_without_editing(world, client_for):
    item = approved_item(world)
    booking = _book(client_for(world.alpha, "cs_staff"), item).json()
    cashier = client_for(world.alpha, "cashier")
    entry = cashier.post(f"{BASE}bookings/{booking['id']}/deposit/", {"kind": "deposit", "amount": "500.00",
                                                                      "receipt_no": "R1"},
                         content_type="application/json").json()["money"][0]
    reversal = cashier.post(f"{BASE}money/{entry['id']}/reverse/", {"receipt_no": "R1-C", "reason": "多输一个零"},
                            content_type="application/json")
    assert reversal.status_code == 201 and reversal.json()["amount"] == "-500.00"
    with tenant_context(world.alpha):
        assert str(MoneyEntry.objects.get(pk=entry["id"]).amount) == "500.00"
    _error(cashier.post(f"{BASE}money/{entry['id']}/reverse/", {"receipt_no": "R1-D", "reason": "again"},
                        content_type="application/json"), 409)


def test_s05_steps_out_of_order_are_409(world, client_for):
    item = approved_item(world)
    booking = _book(client_for(world.alpha, "cs_staff"), item).json()
    _error(client_for(world.alpha, "cashier").post(f"{BASE}bookings/{booking['id']}/settle/",
                                                   {"amount": "80.00", "receipt_no": "R1"},
                                                   content_type="application/json"), 409)


def test_s03_item_not_offered_is_409_and_writes_nothing(world, client_for):
    item = approved_item(world, offer=False)
    before = _count(world)
    body = _error(_book(client_for(world.alpha, "cs_staff"), item), 409, "item_id")
    assert body["error"]["code"] == "not_offered"
    assert _count(world) == before


@pytest.mark.parametrize("extra, field", [({"quantity": "-1"}, "quantity"), ({"quantity": "1.005"}, "quantity"),
                                          ({"name": ""}, "name"), ({"wanted_at": "yesterday"}, "wanted_at")])
def test_s03_booking_bad_input_is_400(world, client_for, extra, field):
    item = approved_item(world)
    before = _count(world)
    _error(_book(client_for(world.alpha, "cs_staff"), item, **extra), 400, field)
    assert _count(world) == before


def test_s01_office_manager_proposes_gm_approves(world, client_for):
    director = client_for(world.alpha, "office_director")
    payload = {"kind": "new_item", "name": "家电清洗", "category": "appliance", "unit": "job", "standard": "上门清洗",
               "price": "120.00", "deposit": "0.00", **SURVEY}
    response = director.post(BASE + "proposals/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    _error(client_for(world.alpha, "cs_staff").post(BASE + "proposals/", payload, content_type="application/json"),
           403)
    _error(client_for(world.hq, "hq_agent").post(f"/api/v1/services/proposals/{pk}/approve/", {},
                                                 content_type="application/json"), 403)
    gm = client_for(world.hq, "hq_gm")
    assert any(row["id"] == pk for row in gm.get("/api/v1/services/proposals/").json()["results"])
    assert gm.post(f"/api/v1/services/proposals/{pk}/approve/", {"reason": "同意"},
                   content_type="application/json").json()["status"] == "approved"
    item = ServiceItem.objects.get(name="家电清洗")
    offers = director.post(BASE + "offers/", {"item_id": item.pk, "active": True}, content_type="application/json")
    assert any(row["item_id"] == item.pk and row["offered"] for row in offers.json())
    catalog = client_for(world.public, "group_admin").get("/api/v1/catalog/services/").json()
    row = next(r for r in catalog if r["id"] == item.pk)
    assert row["rate"]["price"] == "120.00" and len(row["history"]) == 1


@pytest.mark.parametrize("price", ["-1.00", "1.234"])
def test_s01_proposal_bad_money_is_400(world, client_for, price):
    before = ServiceProposal.objects.count()
    _error(client_for(world.alpha, "office_director").post(
        BASE + "proposals/", {"kind": "new_item", "name": "x", "category": "other", "unit": "job", "standard": "x",
                              "price": price, **SURVEY}, content_type="application/json"), 400, "price")
    assert ServiceProposal.objects.count() == before


def test_s01_gm_reject_needs_reason(world, client_for):
    proposal = ServiceProposal.objects.create(kind="new_item", office=world.alpha, name="z", category="other",
                                              unit="job", price="1.00", deposit="0.00",
                                              proposed_by=world.users[("alpha", "office_director")])
    gm = client_for(world.hq, "hq_gm")
    _error(gm.post(f"/api/v1/services/proposals/{proposal.pk}/reject/", {}, content_type="application/json"),
           400, "reason")
    assert gm.post(f"/api/v1/services/proposals/{proposal.pk}/reject/", {"reason": "调查不足"},
                   content_type="application/json").json()["status"] == "rejected"


def test_isolation_other_office_sees_no_booking_and_no_proposal(world, client_for):
    item = approved_item(world)
    booking = _book(client_for(world.alpha, "cs_staff"), item).json()
    director_a = client_for(world.alpha, "office_director")
    proposal = director_a.post(BASE + "proposals/", {"kind": "new_rate", "item_id": item.pk, "price": "90.00",
                                                     **SURVEY}, content_type="application/json").json()
    beta_staff, beta_cashier = client_for(world.beta, "cs_staff"), client_for(world.beta, "cashier")
    assert beta_staff.get(f"{BASE}bookings/{booking['id']}/").status_code == 404
    assert all(row["id"] != booking["id"] for row in beta_staff.get(BASE + "bookings/").json()["results"])
    for action, body in (("deposit", {"kind": "deposit", "amount": "1.00", "receipt_no": "x"}),
                         ("settle", {"amount": "1.00", "receipt_no": "x"})):
        assert beta_cashier.post(f"{BASE}bookings/{booking['id']}/{action}/", body,
                                 content_type="application/json").status_code == 404
    for role, action, body in (("cleaning", "record-work", {"worker_name": "a", "hours": "1", "description": "b"}),
                               ("cs_staff", "confirm", {"signature_data_url": PNG_URL}),
                               ("cs_supervisor", "check", {}), ("cs_staff", "cancel", {"reason": "x"})):
        assert client_for(world.beta, role).post(f"{BASE}bookings/{booking['id']}/{action}/", body,
                                                 content_type="application/json").status_code == 404
    director_b = client_for(world.beta, "office_director")
    assert all(row["id"] != proposal["id"] for row in director_b.get(BASE + "proposals/").json()["results"])
    # beta may not offer an item the group approved for alpha only
    _error(director_b.post(BASE + "offers/", {"item_id": item.pk, "active": True}, content_type="application/json"),
           400, "item_id")
    # a user of alpha has no membership on beta's host: 404, not 403
    assert client_for(world.beta, "cs_staff", user_of=world.alpha).get(BASE + "bookings/").status_code == 404
    with tenant_context(world.alpha):
        entry_id = MoneyEntry.objects.create(booking_id=booking["id"], kind="deposit", amount="1.00", receipt_no="x",
                                             cashier_id=1, cashier_name="x", at=timezone.now()).pk
    assert beta_cashier.post(f"{BASE}money/{entry_id}/reverse/", {"receipt_no": "y", "reason": "z"},
                             content_type="application/json").status_code == 404
    assert "entries" in beta_cashier.get(BASE + "day-sheet/").json()


def test_catalog_routes_need_their_host_and_role(world, client_for):
    assert client_for(world.alpha, "office_director").get("/api/v1/catalog/services/").status_code == 404
    assert client_for(world.hq, "hq_gm").get("/api/v1/catalog/services/").status_code == 404
    assert client_for(world.alpha, "office_director").get("/api/v1/services/proposals/?x").status_code == 200
    assert client_for(world.public, "group_admin").post("/api/v1/catalog/services/999999/offices/",
                                                        {"office_ids": []},
                                                        content_type="application/json").status_code == 404
