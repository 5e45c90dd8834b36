"""S-02 announcing, S-03 the desk's quote, S-06 margin rows and .xlsx, S-07 the hand-off to the return-visit
engine and the evaluations per worker and subcontractor, the service-job clock and the workbench card."""

from __future__ import annotations

import base64
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from core.errors import NotAllowedNow
from modules.services import models as m
from modules.services import services as s
from modules.services.catalog.selectors import local_day
from tests.modules.services.helpers import approved_item

pytestmark = pytest.mark.django_db
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def _settled(world, item, *, hours="1", amount="100.00", worker="陈师傅", channel="desk"):
    users = world.users
    booking = s.booking_create(user=users[("alpha", "cs_staff")], channel=channel, item_id=item.pk, name="王",
                               phone="13800000001", address="1-101", wanted_at=timezone.now() + timedelta(hours=2))
    if channel == "online":
        s.booking_quote(booking_id=booking.pk, user=users[("alpha", "cs_staff")])
    s.booking_record_work(booking_id=booking.pk, user=users[("alpha", "cleaning")], worker_name=worker, hours=hours,
                          description="完成", materials=[{"name": "清洁剂", "quantity": "1", "unit_price": "10.00"}])
    s.booking_confirm(booking_id=booking.pk, user=users[("alpha", "cs_staff")], signature_data_url=PNG_URL)
    s.booking_check(booking_id=booking.pk, user=users[("alpha", "cs_supervisor")])
    s.booking_settle(booking_id=booking.pk, user=users[("alpha", "cashier")], role="cashier", amount=amount,
                     receipt_no=f"R{booking.pk}")
    return booking


def test_s07_settled_job_is_handed_to_the_return_visit_engine_sampled_at_the_catalog_rate(world):
    from modules.catalog.services import setting_set
    from modules.visits.models import ReturnVisit

    item = approved_item(world)
    setting_set(key="service.return_visit_sample_percent", value=100)
    with tenant_context(world.alpha):
        booking = _settled(world, item)
        visit = ReturnVisit.objects.get(source_kind="service", source_id=booking.pk)
        assert visit.sample_rate_percent == 100 and visit.sampled is True and visit.status == "due"
        assert visit.source_number == booking.number and visit.contact_phone == "13800000001"
    setting_set(key="service.return_visit_sample_percent", value=1)
    with tenant_context(world.alpha):
        other = _settled(world, item)
        visit = ReturnVisit.objects.get(source_kind="service", source_id=other.pk)
        assert visit.sample_rate_percent == 1 and visit.sampled is (visit.sample_draw < Decimal("0.01"))
        assert (visit.due_at is None) is (not visit.sampled)


def test_s07_visit_source_link_leads_to_the_booking(world):
    from modules.visits.models import ReturnVisit
    from modules.visits.selectors import source_url

    assert source_url(ReturnVisit(source_kind="service", source_id=7)) == "/services/bookings/7/"
    assert source_url(ReturnVisit(source_kind="agreement", source_id=3)) == "/services/agreements/3/"


def test_s07_evaluations_kept_per_worker_and_per_subcontractor(world):
    from modules.services.dispatch import booking_dispatch, booking_evaluate, subcontractor_register
    from modules.services.selectors import evaluations_by_subcontractor, evaluations_by_worker

    item = approved_item(world)
    users = world.users
    with tenant_context(world.alpha):
        today = local_day()
        sub = subcontractor_register(user=users[("alpha", "cs_supervisor")], name="洁美家政", contract_from=today,
                                     contract_to=today + timedelta(days=30))
        first = _settled(world, item, worker="陈师傅")
        second = _settled(world, item, worker="陈师傅")
        third = _settled(world, item, worker="李师傅")
        m.Booking.objects.filter(pk=third.pk).update(subcontractor=sub)  # as if dispatched there
        for booking, score in ((first, 5), (second, 4), (third, 2)):
            booking_evaluate(booking_id=booking.pk, user=users[("alpha", "cs_supervisor")], score=score)
        month = today.replace(day=1)
        workers = evaluations_by_worker(month=month)
        assert [(w["worker_name"], w["jobs"], w["average"], w["lowest"]) for w in workers] == [
            ("李师傅", 1, Decimal("2.00"), 2), ("陈师傅", 2, Decimal("4.50"), 4)]
        subs = evaluations_by_subcontractor(month=month)
        assert [(r["name"], r["jobs"], r["average"]) for r in subs] == [("洁美家政", 1, Decimal("2.00"))]
        assert evaluations_by_worker(month=(month - timedelta(days=1)).replace(day=1)) == []
        with pytest.raises(Exception):  # noqa: B017 - dispatch only while booked/paid
            booking_dispatch(booking_id=first.pk, user=users[("alpha", "cs_staff")], department="cleaning")


def test_s07_a04_poor_evaluation_of_the_offices_own_worker_proposes_points_once(world):
    """S-07 → A-04: a job evaluated at or below the catalog's threshold proposes the rule's points for the
    staff member who recorded the work (the supervisor decides); a good score, or a subcontractor's job,
    proposes nothing."""
    from modules.assessment.models import Proposal
    from modules.services.dispatch import booking_evaluate, subcontractor_register

    item = approved_item(world)
    users = world.users
    worker = users[("alpha", "cleaning")]
    with tenant_context(world.alpha):
        today = local_day()
        sub = subcontractor_register(user=users[("alpha", "cs_supervisor")], name="速达维修", contract_from=today,
                                     contract_to=today + timedelta(days=30))
        poor, good, subcontracted = (_settled(world, item) for _ in range(3))
        m.Booking.objects.filter(pk=subcontracted.pk).update(subcontractor=sub)
        for booking, score in ((poor, 1), (good, 5), (subcontracted, 1)):
            booking_evaluate(booking_id=booking.pk, user=users[("alpha", "cs_supervisor")], score=score)
        proposals = Proposal.objects.filter(source_type="service")
        assert [(p.person_id, p.source_number, p.status) for p in proposals] == [(worker.pk, poor.number, "pending")]


def test_s06_margin_rows_item_code_revenue_cost_margin(world):
    from modules.services.selectors import margin_rows

    item = approved_item(world, price="80.00")
    with tenant_context(world.alpha):
        _settled(world, item, hours="1", amount="100.00")
        rows = margin_rows(month=local_day())
    # revenue 100; cost = materials 10 + 1 h × 40 (catalog default) = 50
    assert rows == [(item.code, Decimal("100.00"), Decimal("50.00"), Decimal("50.00"))]
    with tenant_context(world.alpha):
        assert margin_rows(month=local_day().replace(day=1) - timedelta(days=1)) == []


def test_s06_margin_xlsx_in_chinese(world, client_for):
    from openpyxl import load_workbook

    item = approved_item(world, price="80.00")
    with tenant_context(world.alpha):
        _settled(world, item, hours="5", amount="100.00")  # cost 10 + 200 > 100: a loss
    response = client_for(world.alpha, "office_director").get(f"/services/figures/?month={local_day():%Y-%m}&as=xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    assert "特约服务收支表" in sheet["A1"].value and sheet["A2"].value == "服务项目" and sheet["H2"].value == "毛利（元）"
    assert sheet["A3"].value == "家政保洁" and sheet["C3"].value == 100 and sheet["I3"].value == "是"
    assert sheet["A4"].value == "合计"
    assert client_for(world.alpha, "cs_staff").get("/services/figures/?as=xlsx").status_code == 404


def test_s03_online_booking_waits_for_the_desk_quote_before_money(world):
    item = approved_item(world, price="80.00", deposit="50.00")
    users = world.users
    with tenant_context(world.alpha):
        booking = s.booking_create(user=None, channel="online", item_id=item.pk, name="孙", phone="13800000009",
                                   address="5-501", wanted_at=timezone.now() + timedelta(days=1))
        assert booking.quoted_at is None
        with pytest.raises(NotAllowedNow):
            s.booking_deposit(booking_id=booking.pk, user=users[("alpha", "cashier")], role="cashier",
                              kind="deposit", amount="50.00", receipt_no="R1")
        assert not m.MoneyEntry.objects.filter(booking=booking).exists()
        quoted = s.booking_quote(booking_id=booking.pk, user=users[("alpha", "cs_staff")], quantity="3")
        assert quoted.quoted_at and quoted.quote_amount == Decimal("240.00") and quoted.quote_price == Decimal("80.00")
        s.booking_deposit(booking_id=booking.pk, user=users[("alpha", "cashier")], role="cashier", kind="deposit",
                          amount="50.00", receipt_no="R1")
        with pytest.raises(NotAllowedNow):  # once paid, the quote stands
            s.booking_quote(booking_id=booking.pk, user=users[("alpha", "cs_staff")], quantity="4")


def test_s03_booking_clock_tells_once_when_the_wanted_time_passed_and_not_done(world):
    from core.clocks.engine import clock_run
    from core.notifications.models import Notification

    item = approved_item(world)
    users = world.users
    with tenant_context(world.alpha):
        late = s.booking_create(user=users[("alpha", "cs_staff")], channel="desk", item_id=item.pk, name="迟",
                                address="1-1", wanted_at=timezone.now() + timedelta(hours=1))
        done = s.booking_create(user=users[("alpha", "cs_staff")], channel="desk", item_id=item.pk, name="完",
                                address="1-2", wanted_at=timezone.now() + timedelta(hours=1))
        s.booking_record_work(booking_id=done.pk, user=users[("alpha", "cleaning")], worker_name="陈", hours="1",
                              description="完成")
        later = timezone.now() + timedelta(hours=2)
        assert clock_run(name="services.booking", now=later, tenant=world.alpha) == 1
        assert clock_run(name="services.booking", now=later + timedelta(hours=1), tenant=world.alpha) == 0
        late.refresh_from_db()
        assert late.overdue_marked_at is not None
        assert m.ServiceEvent.objects.filter(booking=late, action="overdue").count() == 1
        assert not m.ServiceEvent.objects.filter(booking=done, action="overdue").exists()
    told = Notification.objects.filter(title__contains=late.number)
    assert told.filter(user=users[("alpha", "cs_supervisor")]).count() == 1


def test_s03_s05_workbench_card_counts_and_links_to_the_same_rows(world, client_for):
    item = approved_item(world, price="80.00", deposit="50.00")
    users = world.users
    with tenant_context(world.alpha):
        s.booking_create(user=None, channel="online", item_id=item.pk, name="网上", phone="13800000009",
                         address="5-501", wanted_at=timezone.now() + timedelta(minutes=30))
        s.booking_create(user=users[("alpha", "cs_staff")], channel="desk", item_id=item.pk, name="待收押金",
                         address="5-502", wanted_at=timezone.now() + timedelta(days=3))
        old = s.booking_create(user=users[("alpha", "cs_staff")], channel="desk", item_id=item.pk, name="超时",
                               address="5-503", wanted_at=timezone.now() + timedelta(days=3))
        m.Booking.objects.filter(pk=old.pk).update(wanted_at=timezone.now() - timedelta(days=1))
    client = client_for(world.alpha, "cs_staff")
    home = client.get("/").content.decode()
    assert 'id="wb-services"' in home and "?flag=to_quote" in home
    listed = client.get("/services/?flag=to_quote").content.decode()
    assert "网上" in listed and "待收押金" not in listed
    cashier_rows = client.get("/services/?flag=cashier").content.decode()
    assert "待收押金" in cashier_rows and "网上" not in cashier_rows
    assert "超时" in client.get("/services/?flag=overdue").content.decode()
    assert 'id="wb-services"' in client_for(world.alpha, "cashier").get("/").content.decode()


def test_s02_announce_offered_items_and_rates_as_one_published_notice(world, client_for):
    from modules.frontdesk.models import Notice

    approved_item(world, price="80.00", deposit="50.00")
    response = client_for(world.alpha, "office_director").post("/services/announce/")
    assert response.status_code == 302
    with tenant_context(world.alpha):
        notice = Notice.objects.get()
        assert notice.status == "published" and notice.all_buildings and "80.00" in notice.body
        assert response["Location"] == f"/frontdesk/notices/{notice.pk}/"
    board = client_for(world.alpha).get("/public/notices/")
    assert board.status_code == 200
    assert client_for(world.alpha, "cs_staff").post("/services/announce/").status_code == 404
    assert client_for(world.beta, "office_director").post("/services/announce/").status_code == 302
    with tenant_context(world.beta):  # beta offers nothing: nothing announced
        assert not Notice.objects.exists()
