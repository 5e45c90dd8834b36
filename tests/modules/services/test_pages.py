"""Special-services pages (S-01..S-05): each route renders for its role, keeps typed input on errors and
is 404 for another office's objects."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from modules.services.catalog.models import ServiceProposal
from modules.services.models import Booking, MoneyEntry
from tests.modules.services.helpers import SURVEY, approved_item

pytestmark = pytest.mark.django_db
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def _wanted():
    return (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")


def _booking(world, item):
    from modules.services.services import booking_create

    with tenant_context(world.alpha):
        return booking_create(user=world.users[("alpha", "cs_staff")], channel="desk", item_id=item.pk, name="王",
                              address="1-101", wanted_at=timezone.now() + timedelta(days=1))


def test_s03_desk_books_on_the_page_with_quote_from_rate(world, client_for):
    item = approved_item(world, price="66.00")
    staff = client_for(world.alpha, "cs_staff")
    assert "66.00" in staff.get("/services/").content.decode()
    response = staff.post("/services/", {"channel": "desk", "item_id": item.pk, "name": "赵", "address": "3-303",
                                         "quantity": "2", "wanted_at": _wanted()})
    assert response.status_code == 302
    with tenant_context(world.alpha):
        booking = Booking.objects.get(name="赵")
    assert str(booking.quote_amount) == "132.00"


def test_s03_bad_quantity_keeps_typed_input(world, client_for):
    item = approved_item(world)
    response = client_for(world.alpha, "cs_staff").post("/services/", {
        "channel": "desk", "item_id": item.pk, "name": "钱某某", "address": "3-303", "quantity": "1.005",
        "wanted_at": _wanted()})
    assert response.status_code == 200 and "钱某某" in response.content.decode()
    with tenant_context(world.alpha):
        assert not Booking.objects.filter(name="钱某某").exists()


def test_s02_s03_resident_books_online_on_public_page(world, client_for):
    from django.core.cache import cache

    cache.clear()  # the online throttle's counters (shared with the complaint form) start from zero
    item = approved_item(world, price="70.00")
    public = client_for(world.alpha)
    page = public.get("/public/services/")
    assert page.status_code == 200 and "70.00" in page.content.decode()
    response = public.post("/public/services/", {"item_id": item.pk, "name": "孙", "phone": "13800000009",
                                                 "address": "5-501", "quantity": "1", "wanted_at": _wanted()})
    assert response.status_code == 200 and "TY-" in response.content.decode()
    with tenant_context(world.alpha):
        assert Booking.objects.get(name="孙").channel == "online"
    assert "70.00" not in client_for(world.beta).get("/public/services/").content.decode()


def test_s05_cashier_steps_on_the_booking_page(world, client_for):
    item = approved_item(world)
    booking = _booking(world, item)
    url = f"/services/bookings/{booking.pk}/"
    staff_page = client_for(world.alpha, "cs_staff").get(url).content.decode()
    assert 'value="deposit"' not in staff_page and 'value="settle"' not in staff_page
    assert client_for(world.alpha, "cs_staff").post(url, {"action": "deposit", "deposit-kind": "deposit",
                                                          "deposit-amount": "5.00",
                                                          "deposit-receipt_no": "R"}).status_code == 404
    cashier = client_for(world.alpha, "cashier")
    bad = cashier.post(url, {"action": "deposit", "deposit-kind": "deposit", "deposit-amount": "-5",
                             "deposit-receipt_no": "R1"})
    assert bad.status_code == 400
    ok = cashier.post(url, {"action": "deposit", "deposit-kind": "deposit", "deposit-amount": "50.00",
                            "deposit-receipt_no": "R1"})
    assert ok.status_code == 302
    with tenant_context(world.alpha):
        assert MoneyEntry.objects.filter(booking_id=booking.pk).count() == 1
    assert cashier.get("/services/day-sheet/").status_code == 200
    assert client_for(world.alpha, "cs_staff").get("/services/day-sheet/").status_code == 404


def test_s05_worker_records_and_resident_signs_on_the_page(world, client_for):
    item = approved_item(world)
    booking = _booking(world, item)
    url = f"/services/bookings/{booking.pk}/"
    worker = client_for(world.alpha, "cleaning")
    assert worker.post(url, {"action": "work", "work-worker_name": "张", "work-hours": "1.50",
                             "work-description": "完成", "work-material_name": "垃圾袋", "work-material_quantity": "2",
                             "work-material_price": "1.20"}).status_code == 302
    assert client_for(world.alpha, "cs_staff").post(url, {"action": "confirm", "confirm-signature_data_url": PNG_URL}
                                                    ).status_code == 302
    with tenant_context(world.alpha):
        assert Booking.objects.get(pk=booking.pk).status == "confirmed"


def test_s01_proposal_page_and_gm_approval_page(world, client_for):
    director = client_for(world.alpha, "office_director")
    assert director.post("/services/proposals/", {"kind": "new_item", "name": "窗帘清洗", "category": "cleaning",
                                                  "unit": "job", "standard": "x", "price": "30.00", "deposit": "",
                                                  **SURVEY}).status_code == 302
    proposal = ServiceProposal.objects.get(name="窗帘清洗")
    gm = client_for(world.hq, "hq_gm")
    assert "窗帘清洗" in gm.get("/services/proposals/").content.decode()
    assert client_for(world.hq, "hq_agent").post("/services/proposals/", {"proposal": proposal.pk,
                                                                          "decision": "approve"}).status_code == 404
    gm.post("/services/proposals/", {"proposal": proposal.pk, "decision": "approve", "reason": "同意"})
    proposal.refresh_from_db()
    assert proposal.status == "approved"
    admin = client_for(world.public, "group_admin")
    assert "窗帘清洗" in admin.get("/admin/services/").content.decode()


def test_isolation_pages_of_another_office_are_404(world, client_for):
    item = approved_item(world)
    booking = _booking(world, item)
    for role in ("cs_staff", "cashier", "cs_supervisor"):
        assert client_for(world.beta, role).get(f"/services/bookings/{booking.pk}/").status_code == 404
    assert client_for(world.beta, "office_director").post(f"/services/offers/{item.pk}/", {"active": "1"}
                                                          ).status_code == 302
    with tenant_context(world.beta):
        from modules.services.models import OfferedItem

        assert not OfferedItem.objects.filter(item_id=item.pk).exists()
    assert client_for(world.beta, "cs_staff", user_of=world.alpha).get("/services/").status_code == 404
    assert client_for(world.alpha, "office_director").get("/admin/services/").status_code == 404
    assert client_for(world.alpha, "cs_staff").get("/services/proposals/").status_code == 404


def test_f01_service_inquiry_becomes_booking_and_keeps_its_number(world, client_for):
    item = approved_item(world)
    staff = client_for(world.alpha, "cs_staff")
    response = staff.post("/api/v1/frontdesk/contacts/", {
        "channel": "phone", "name": "周", "phone": "13800000002", "unit": "2-201", "request": "想约保洁",
        "request_type": "booking", "outcome": "service", "service_item_id": item.pk},
        content_type="application/json")
    assert response.status_code == 201, response.content
    with tenant_context(world.alpha):
        booking = Booking.objects.get(name="周")
    assert response.json()["result_number"] == booking.number and booking.contact_id == response.json()["id"]
    plain = staff.post("/api/v1/frontdesk/contacts/", {
        "channel": "phone", "name": "吴", "phone": "13800000003", "unit": "2-202", "request": "问问价格", "request_type": "inquiry",
        "outcome": "service"}, content_type="application/json")
    assert plain.status_code == 201, plain.content
    assert plain.json()["result_number"].startswith("LD-")


def _settled(world, item, *, amount="80.00", hours="1.00", material_price="10.00"):
    from modules.services import services as s

    booking = _booking(world, item)
    u = world.users
    with tenant_context(world.alpha):
        s.booking_record_work(booking_id=booking.pk, user=u[("alpha", "cleaning")], worker_name="张", hours=hours,
                              description="完成", materials=[{"name": "料", "quantity": "1", "unit_price": material_price}])
        s.booking_confirm(booking_id=booking.pk, user=u[("alpha", "cs_staff")], signature_data_url=PNG_URL)
        s.booking_check(booking_id=booking.pk, user=u[("alpha", "cs_supervisor")])
        s.booking_settle(booking_id=booking.pk, user=u[("alpha", "cashier")], role="cashier", amount=amount,
                         receipt_no="R1")
    return booking


def test_s06_item_month_revenue_cost_margin_and_loss_flag(world, client_for):
    item = approved_item(world)
    _settled(world, item, amount="80.00", hours="1.00", material_price="10.00")  # labour 40 (catalog default)
    rows = client_for(world.alpha, "office_director").get("/api/v1/services/figures/").json()
    row = next(r for r in rows if r["item_id"] == item.pk)
    assert (row["revenue"], row["cost"], row["margin"], row["loss"]) == ("80.00", "50.00", "30.00", False)
    _settled(world, item, amount="10.00", hours="2.00", material_price="0.00")  # 10 - 80: the month turns to a loss
    page = client_for(world.alpha, "office_director").get("/services/figures/")
    assert page.status_code == 200 and "亏损" in page.content.decode()
    assert client_for(world.alpha, "cashier").get("/api/v1/services/figures/").status_code == 403
    assert client_for(world.beta, "office_director").get("/api/v1/services/figures/").json() == []
    assert client_for(world.alpha, "office_director").get("/api/v1/services/figures/?month=2026-13").status_code == 400


def test_s03_online_booking_is_throttled_like_the_complaint_form(world, client_for, settings):
    from django.core.cache import cache

    from modules.catalog.selectors import setting_value

    cache.clear()
    item = approved_item(world)
    public = client_for(world.alpha)
    limit = int(setting_value("complaint.online_max_per_hour_per_phone"))
    form = {"item_id": item.pk, "name": "郑", "phone": "13800000077", "address": "6-601", "quantity": "1",
            "wanted_at": _wanted()}
    codes = [public.post("/public/services/", form).status_code for _ in range(limit + 1)]
    cache.clear()
    assert codes[-1] == 429 and set(codes[:-1]) == {200}
    with tenant_context(world.alpha):
        assert Booking.objects.filter(name="郑").count() == limit


def test_s04_subcontractor_page_and_dispatch_on_booking_page(world, client_for):
    supervisor = client_for(world.alpha, "cs_supervisor")
    today = timezone.localdate()
    assert supervisor.post("/services/subcontractors/", {
        "name": "快修管道公司", "contract_from": str(today), "contract_to": str(today + timedelta(days=90))}
    ).status_code == 302
    assert "快修管道公司" in client_for(world.alpha, "cs_staff").get("/services/subcontractors/").content.decode()
    assert client_for(world.alpha, "cs_staff").post("/services/subcontractors/", {"name": "x"}).status_code == 404
    assert "快修管道公司" not in client_for(world.beta, "cs_supervisor").get("/services/subcontractors/").content.decode()
    item = approved_item(world)
    booking = _booking(world, item)
    assert client_for(world.alpha, "cs_staff").post(f"/services/bookings/{booking.pk}/", {
        "action": "dispatch", "dispatch-department": "cleaning"}).status_code == 302
    with tenant_context(world.alpha):
        assert Booking.objects.get(pk=booking.pk).workorder_id is not None


@pytest.mark.parametrize("role", ["cs_staff", "cs_supervisor", "cashier", "cleaning", "office_director",
                                  "records_clerk"])
def test_s05_booking_page_renders_for_every_role_that_sees_it(world, client_for, role):
    item = approved_item(world)
    booking = _settled(world, item)
    client = client_for(world.alpha, role)
    for url in (f"/services/bookings/{booking.pk}/", "/services/"):
        assert client.get(url).status_code == 200, url
    assert client_for(world.alpha, "greening").get("/services/subcontractors/").status_code == 200
