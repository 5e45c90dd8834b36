"""Agreements, quote and announcement API (S-02, S-03, S-05, S-07): the flow, bad input (400/403/409 with
the field named, nothing written) and isolation (another office's user or object: 404)."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from modules.services.catalog.selectors import local_day
from modules.services.models import AgreementEvent, Booking, MoneyEntry, ServiceAgreement
from tests.modules.services.helpers import approved_item

pytestmark = pytest.mark.django_db
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()
BASE = "/api/v1/services/"
JSON = "application/json"


def _error(response, status, field=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["error"]["message"]
    if field:
        assert field in body["error"]["fields"], body
    return body


def _payload(item, **extra):
    today = local_day()
    return {"item_id": item.pk, "name": "周女士", "phone": "13800000021", "address": "2-201", "frequency": "monthly",
            "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=90)).isoformat(), **extra}


def _counts(world):
    with tenant_context(world.alpha):
        return (ServiceAgreement.objects.count(), AgreementEvent.objects.count(), MoneyEntry.objects.count(),
                Booking.objects.count())


def test_s03_s05_s07_agreement_flow_through_the_api(world, client_for):
    item = approved_item(world, price="80.00", deposit="50.00")
    staff, cashier = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "cashier")
    created = staff.post(BASE + "agreements/", _payload(item, quantity="2"), content_type=JSON)
    assert created.status_code == 201, created.content
    agreement = created.json()
    assert agreement["price"] == "160.00" and agreement["deposit"] == "50.00" and agreement["status"] == "draft"
    url = f"{BASE}agreements/{agreement['id']}/"
    paid = cashier.post(url + "deposit/", {"amount": "50.00", "receipt_no": "XY1"}, content_type=JSON).json()
    assert paid["held"] == "50.00" and paid["money"][0]["kind"] == "deposit"
    signed = staff.post(url + "sign/", {"signature_data_url": PNG_URL}, content_type=JSON).json()
    assert signed["status"] == "active" and signed["signed_at"]
    wanted = (timezone.now() + timedelta(days=2)).isoformat()
    filed = staff.post(url + "jobs/", {"wanted_at": wanted}, content_type=JSON).json()
    assert len(filed["jobs"]) == 1 and filed["jobs"][0]["channel"] == "contract"
    assert filed["jobs"][0]["quote_amount"] == "160.00"
    assert staff.get(url).json()["jobs"][0]["id"] == filed["jobs"][0]["id"]
    assert [row["id"] for row in staff.get(BASE + "agreements/").json()["results"]] == [agreement["id"]]
    ended = client_for(world.alpha, "cs_supervisor").post(url + "close/", {"action": "end"}, content_type=JSON)
    assert ended.json()["status"] == "ended"
    refunded = cashier.post(url + "refund/", {"receipt_no": "XY2"}, content_type=JSON).json()
    assert refunded["held"] == "0.00"
    with tenant_context(world.alpha):
        from modules.visits.models import ReturnVisit

        assert ReturnVisit.objects.filter(source_kind="agreement", source_id=agreement["id"]).count() == 2


@pytest.mark.parametrize("amount", ["-50.00", "50.005", "abc", ""])
def test_s05_agreement_deposit_bad_amount_is_400_and_writes_nothing(world, client_for, amount):
    item = approved_item(world)
    agreement = client_for(world.alpha, "cs_staff").post(BASE + "agreements/", _payload(item),
                                                         content_type=JSON).json()
    before = _counts(world)
    _error(client_for(world.alpha, "cashier").post(f"{BASE}agreements/{agreement['id']}/deposit/",
                                                   {"amount": amount, "receipt_no": "X"}, content_type=JSON),
           400, "amount")
    assert _counts(world) == before


def test_s05_agreement_money_by_a_non_cashier_is_403_and_writes_nothing(world, client_for):
    item = approved_item(world)
    agreement = client_for(world.alpha, "cs_staff").post(BASE + "agreements/", _payload(item),
                                                         content_type=JSON).json()
    before = _counts(world)
    for role in ("cs_staff", "cs_supervisor", "office_director", "cleaning"):
        client = client_for(world.alpha, role)
        _error(client.post(f"{BASE}agreements/{agreement['id']}/deposit/", {"amount": "50.00", "receipt_no": "X"},
                           content_type=JSON), 403)
        _error(client.post(f"{BASE}agreements/{agreement['id']}/refund/", {"receipt_no": "X"},
                           content_type=JSON), 403)
    assert _counts(world) == before


@pytest.mark.parametrize(("extra", "status", "field"), [
    ({"quantity": "-1"}, 400, "quantity"), ({"quantity": "1.005"}, 400, "quantity"),
    ({"frequency": "daily"}, 400, "frequency"), ({"ends_on": "2020-01-01"}, 400, "ends_on"),
    ({"name": ""}, 400, "name"), ({"item_id": 987654}, 409, "item_id")])
def test_s03_agreement_bad_input_is_400_or_409_and_writes_nothing(world, client_for, extra, status, field):
    item = approved_item(world)
    before = _counts(world)
    _error(client_for(world.alpha, "cs_staff").post(BASE + "agreements/", _payload(item, **extra),
                                                    content_type=JSON), status, field)
    assert _counts(world) == before


def test_s03_agreement_steps_out_of_order_are_409(world, client_for):
    item = approved_item(world)
    staff = client_for(world.alpha, "cs_staff")
    agreement = staff.post(BASE + "agreements/", _payload(item), content_type=JSON).json()
    url = f"{BASE}agreements/{agreement['id']}/"
    before = _counts(world)
    _error(staff.post(url + "jobs/", {"wanted_at": (timezone.now() + timedelta(days=1)).isoformat()},
                      content_type=JSON), 409)
    _error(client_for(world.alpha, "cs_supervisor").post(url + "close/", {"action": "end"}, content_type=JSON), 409)
    _error(client_for(world.alpha, "cashier").post(url + "refund/", {"receipt_no": "X"}, content_type=JSON), 409)
    _error(staff.post(url + "sign/", {"signature_data_url": "data:image/jpeg;base64,AAAA"}, content_type=JSON),
           400, "signature")
    assert _counts(world) == before


def test_s03_quote_api_and_booking_list_flags(world, client_for):
    from modules.services.services import booking_create

    item = approved_item(world, price="80.00", deposit="50.00")
    with tenant_context(world.alpha):
        booking = booking_create(user=None, channel="online", item_id=item.pk, name="孙", phone="13800000009",
                                 address="5-501", wanted_at=timezone.now() + timedelta(days=1))
    staff, cashier = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "cashier")
    assert [r["id"] for r in staff.get(BASE + "bookings/?flag=to_quote").json()["results"]] == [booking.pk]
    _error(cashier.post(f"{BASE}bookings/{booking.pk}/deposit/", {"kind": "deposit", "amount": "50.00",
                                                                   "receipt_no": "R1"}, content_type=JSON), 409)
    _error(staff.post(f"{BASE}bookings/{booking.pk}/quote/", {"quantity": "-2"}, content_type=JSON), 400, "quantity")
    _error(cashier.post(f"{BASE}bookings/{booking.pk}/quote/", {}, content_type=JSON), 403)
    quoted = staff.post(f"{BASE}bookings/{booking.pk}/quote/", {"quantity": "2"}, content_type=JSON).json()
    assert quoted["quote_amount"] == "160.00" and quoted["quoted_at"]
    assert staff.get(BASE + "bookings/?flag=to_quote").json()["results"] == []
    assert [r["id"] for r in staff.get(BASE + "bookings/?flag=cashier").json()["results"]] == [booking.pk]


def test_s02_announce_api(world, client_for):
    approved_item(world, price="80.00")
    response = client_for(world.alpha, "cs_supervisor").post(BASE + "announce/", {}, content_type=JSON)
    assert response.status_code == 201 and "特约服务" in response.json()["title"]
    _error(client_for(world.alpha, "cs_staff").post(BASE + "announce/", {}, content_type=JSON), 403)
    _error(client_for(world.beta, "cs_supervisor").post(BASE + "announce/", {}, content_type=JSON), 409)


def test_isolation_agreements_quote_and_announce_of_another_office_are_404(world, client_for):
    item = approved_item(world)
    agreement = client_for(world.alpha, "cs_staff").post(BASE + "agreements/", _payload(item),
                                                         content_type=JSON).json()
    from modules.services.services import booking_create

    with tenant_context(world.alpha):
        booking = booking_create(user=None, channel="online", item_id=item.pk, name="孙", phone="13800000009",
                                 address="5-501", wanted_at=timezone.now() + timedelta(days=1))
    before = _counts(world)
    url = f"{BASE}agreements/{agreement['id']}/"
    for role, path, body in (("cs_staff", url, None), ("cashier", url + "deposit/", {"amount": "1.00",
                                                                                     "receipt_no": "x"}),
                             ("cs_staff", url + "sign/", {"signature_data_url": PNG_URL}),
                             ("cs_staff", url + "jobs/", {"wanted_at": timezone.now().isoformat()}),
                             ("cs_supervisor", url + "close/", {"action": "end"}),
                             ("cashier", url + "refund/", {"receipt_no": "x"}),
                             ("cs_staff", f"{BASE}bookings/{booking.pk}/quote/", {})):
        client = client_for(world.beta, role)
        response = client.get(path) if body is None else client.post(path, body, content_type=JSON)
        assert response.status_code == 404, (path, response.content)
    assert all(r["id"] != agreement["id"] for r in client_for(world.beta, "cs_staff").get(
        BASE + "agreements/").json()["results"])
    # alpha's users have no membership on beta's host
    for path in (BASE + "agreements/", BASE + "announce/"):
        assert client_for(world.beta, "office_director", user_of=world.alpha).post(
            path, {}, content_type=JSON).status_code == 404
    assert _counts(world) == before


def _ended(world, client_for, item):
    """An agreement with 50.00 held, ended by the supervisor, through the API."""
    staff = client_for(world.alpha, "cs_staff")
    agreement = staff.post(BASE + "agreements/", _payload(item), content_type=JSON).json()
    url = f"{BASE}agreements/{agreement['id']}/"
    client_for(world.alpha, "cashier").post(url + "deposit/", {"amount": "50.00", "receipt_no": "YJ1"},
                                            content_type=JSON)
    staff.post(url + "sign/", {"signature_data_url": PNG_URL}, content_type=JSON)
    assert client_for(world.alpha, "cs_supervisor").post(url + "close/", {"action": "end"},
                                                         content_type=JSON).json()["status"] == "ended"
    return url


KEEP = {"amount": "30.00", "receipt_no": "KL1", "reason": "损坏窗帘"}


def test_s05_keep_deposit_through_the_api_refunds_the_rest(world, client_for):
    item = approved_item(world, price="80.00", deposit="50.00")
    url = _ended(world, client_for, item)
    cashier = client_for(world.alpha, "cashier")
    response = cashier.post(url + "keep/", KEEP, content_type=JSON)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["held"] == "0.00" and body["status"] == "ended"
    assert [(r["kind"], r["amount"]) for r in body["money"]] == [("deposit", "50.00"), ("kept", "-30.00"),
                                                                 ("refund", "-20.00")]
    kept = body["money"][1]
    assert kept["note"] == "损坏窗帘" and kept["receipt_no"] == "KL1"
    sheet = cashier.get(BASE + "day-sheet/").json()
    assert sheet["totals"]["kept"] == "-30.00" and sheet["net"] == "0.00"
    assert sheet["kept"] == "-30.00" and sheet["cash"] == "30.00"
    [row] = client_for(world.alpha, "office_director").get(BASE + "figures/").json()
    assert (row["item_id"], row["jobs"], row["revenue"], row["kept"]) == (item.pk, 0, "30.00", "30.00")
    reversed_ = cashier.post(f"{BASE}money/{kept['id']}/reverse/", {"receipt_no": "KL1-C", "reason": "录错"},
                             content_type=JSON)
    assert reversed_.status_code == 201 and reversed_.json()["amount"] == "30.00"
    assert cashier.get(url).json()["held"] == "30.00"


@pytest.mark.parametrize(("body", "field"), [({"amount": "50.01"}, "amount"), ({"amount": "10.005"}, "amount"),
                                             ({"amount": "0"}, "amount"), ({"amount": "-1.00"}, "amount"),
                                             ({"amount": "abc"}, "amount"), ({"reason": ""}, "reason"),
                                             ({"receipt_no": ""}, "receipt_no")])
def test_s05_keep_deposit_bad_input_is_400_naming_the_field_and_writes_nothing(world, client_for, body, field):
    item = approved_item(world, deposit="50.00")
    url = _ended(world, client_for, item)
    before = _counts(world)
    _error(client_for(world.alpha, "cashier").post(url + "keep/", {**KEEP, **body}, content_type=JSON), 400, field)
    assert _counts(world) == before


def test_s05_keep_deposit_by_a_non_cashier_is_403_and_writes_nothing(world, client_for):
    item = approved_item(world, deposit="50.00")
    url = _ended(world, client_for, item)
    before = _counts(world)
    for role in ("cs_staff", "cs_supervisor", "office_director", "cleaning"):
        _error(client_for(world.alpha, role).post(url + "keep/", KEEP, content_type=JSON), 403)
    assert _counts(world) == before


def test_s05_keep_deposit_before_the_end_is_409_and_writes_nothing(world, client_for):
    item = approved_item(world, deposit="50.00")
    staff = client_for(world.alpha, "cs_staff")
    agreement = staff.post(BASE + "agreements/", _payload(item), content_type=JSON).json()
    url = f"{BASE}agreements/{agreement['id']}/"
    cashier = client_for(world.alpha, "cashier")
    cashier.post(url + "deposit/", {"amount": "50.00", "receipt_no": "YJ1"}, content_type=JSON)
    before = _counts(world)
    _error(cashier.post(url + "keep/", KEEP, content_type=JSON), 409)  # a draft
    staff.post(url + "sign/", {"signature_data_url": PNG_URL}, content_type=JSON)
    before = _counts(world)
    _error(cashier.post(url + "keep/", KEEP, content_type=JSON), 409)  # active: the term is running
    assert _counts(world) == before


def test_isolation_keep_deposit_of_another_office_is_404(world, client_for):
    item = approved_item(world, deposit="50.00")
    url = _ended(world, client_for, item)
    before = _counts(world)
    assert client_for(world.beta, "cashier").post(url + "keep/", KEEP, content_type=JSON).status_code == 404
    assert client_for(world.beta, "cashier", user_of=world.alpha).post(
        url + "keep/", KEEP, content_type=JSON).status_code == 404
    assert _counts(world) == before
