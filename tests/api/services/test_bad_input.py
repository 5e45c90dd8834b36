"""Bad input on the money and work steps (S-04, S-05): negative amounts, three decimals, a settlement by a
non-cashier, an item not offered, a suspended subcontractor — 400/403/409 (pages: the form names the field,
or 404 for a step the role does not have), never a 500, and nothing written."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from core.errors import Forbidden
from modules.services import services as s
from modules.services.models import Booking, MoneyEntry, ServiceEvent, WorkRecord
from tests.modules.services.helpers import approved_item

pytestmark = pytest.mark.django_db
BASE = "/api/v1/services/"
JSON = "application/json"
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def _checked(world, item):
    """A booking recorded, signed and checked: waiting for the cashier's settlement."""
    users = world.users
    with tenant_context(world.alpha):
        booking = s.booking_create(user=users[("alpha", "cs_staff")], channel="desk", item_id=item.pk, name="王",
                                   address="1-101", wanted_at=timezone.now() + timedelta(days=1))
        s.booking_record_work(booking_id=booking.pk, user=users[("alpha", "cleaning")], worker_name="陈", hours="1",
                              description="完成")
        s.booking_confirm(booking_id=booking.pk, user=users[("alpha", "cs_staff")], signature_data_url=PNG_URL)
        s.booking_check(booking_id=booking.pk, user=users[("alpha", "cs_supervisor")])
    return booking


def _state(world, booking):
    with tenant_context(world.alpha):
        return (Booking.objects.get(pk=booking.pk).status, MoneyEntry.objects.count(), ServiceEvent.objects.count())


@pytest.mark.parametrize("amount", ["-80.00", "80.005", "80,00", ""])
def test_s05_settlement_bad_amount_is_400_naming_the_field_and_writes_nothing(world, client_for, amount):
    booking = _checked(world, approved_item(world))
    before = _state(world, booking)
    response = client_for(world.alpha, "cashier").post(f"{BASE}bookings/{booking.pk}/settle/",
                                                       {"amount": amount, "receipt_no": "R1"}, content_type=JSON)
    assert response.status_code == 400 and "amount" in response.json()["error"]["fields"], response.content
    assert _state(world, booking) == before == ("checked", 0, before[2])


def test_s05_settlement_by_a_non_cashier_is_refused_everywhere_and_writes_nothing(world, client_for):
    booking = _checked(world, approved_item(world))
    before = _state(world, booking)
    for role in ("cs_supervisor", "office_director", "cs_staff", "cleaning"):
        api = client_for(world.alpha, role).post(f"{BASE}bookings/{booking.pk}/settle/",
                                                 {"amount": "80.00", "receipt_no": "R1"}, content_type=JSON)
        assert api.status_code == 403 and api.json()["error"]["message"]
        page = client_for(world.alpha, role).post(f"/services/bookings/{booking.pk}/", {
            "action": "settle", "settle-amount": "80.00", "settle-receipt_no": "R1"})
        assert page.status_code == 404  # the page offers no settlement step to this role
        with tenant_context(world.alpha), pytest.raises(Forbidden):  # nor does the service
            s.booking_settle(booking_id=booking.pk, user=world.users[("alpha", role)], role=role, amount="80.00",
                             receipt_no="R1")
    assert _state(world, booking) == before


def test_s05_settlement_page_bad_amount_keeps_what_was_typed(world, client_for):
    booking = _checked(world, approved_item(world))
    before = _state(world, booking)
    response = client_for(world.alpha, "cashier").post(f"/services/bookings/{booking.pk}/", {
        "action": "settle", "settle-amount": "-12.345", "settle-receipt_no": "R-KEEP"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "R-KEEP" in body and "-12.345" in body and ("不能为负数" in body or "最多两位小数" in body)
    assert _state(world, booking) == before


@pytest.mark.parametrize(("payload", "field"), [
    ({"hours": "-1"}, "hours"), ({"hours": "1.005"}, "hours"),
    ({"materials": [{"name": "管件", "quantity": "1", "unit_price": "-3.00"}]}, "unit_price"),
    ({"materials": [{"name": "管件", "quantity": "1", "unit_price": "3.001"}]}, "unit_price"),
    ({"materials": [{"name": "管件", "quantity": "-1", "unit_price": "3.00"}]}, "quantity")])
def test_s05_work_record_bad_numbers_are_400_and_write_nothing(world, client_for, payload, field):
    item = approved_item(world)
    with tenant_context(world.alpha):
        booking = s.booking_create(user=world.users[("alpha", "cs_staff")], channel="desk", item_id=item.pk,
                                   name="王", address="1-101", wanted_at=timezone.now() + timedelta(days=1))
    body = {"worker_name": "陈", "hours": "1", "description": "完成", **payload}
    response = client_for(world.alpha, "cleaning").post(f"{BASE}bookings/{booking.pk}/record-work/", body,
                                                        content_type=JSON)
    assert response.status_code == 400, response.content
    assert field in str(response.json()["error"]["fields"])
    with tenant_context(world.alpha):
        assert not WorkRecord.objects.exists() and Booking.objects.get(pk=booking.pk).status == "booked"


def test_s03_public_booking_of_an_item_not_offered_is_refused_and_writes_nothing(world, client_for):
    from django.core.cache import cache

    cache.clear()
    approved_item(world)  # the page offers one item…
    item = approved_item(world, offer=False)  # …and a resident posts another
    response = client_for(world.alpha).post("/public/services/", {
        "item_id": item.pk, "name": "孙", "phone": "13800000009", "address": "5-501", "quantity": "1",
        "wanted_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 400 and "孙" in response.content.decode()
    with tenant_context(world.alpha):
        assert not Booking.objects.exists()


def test_s04_suspended_subcontractor_on_the_booking_page_names_the_field_and_writes_nothing(world, client_for):
    from modules.services.dispatch import subcontractor_register, subcontractor_set_status

    item = approved_item(world)
    users = world.users
    with tenant_context(world.alpha):
        today = timezone.localdate()
        sub = subcontractor_register(user=users[("alpha", "cs_supervisor")], name="停用分包方",
                                     contract_from=today, contract_to=today + timedelta(days=30))
        booking = s.booking_create(user=users[("alpha", "cs_staff")], channel="desk", item_id=item.pk, name="王",
                                   address="1-101", wanted_at=timezone.now() + timedelta(days=1))
        events = ServiceEvent.objects.count()
        subcontractor_set_status(subcontractor_id=sub.pk, status="suspended", user=users[("alpha", "cs_supervisor")])
    response = client_for(world.alpha, "cs_staff").post(f"/services/bookings/{booking.pk}/", {
        "action": "dispatch", "dispatch-subcontractor_id": str(sub.pk), "dispatch-fee": "30.00"})
    assert response.status_code == 400  # a suspended one is not even a choice on the form
    with tenant_context(world.alpha):
        assert Booking.objects.get(pk=booking.pk).subcontractor_id is None and ServiceEvent.objects.count() == events
