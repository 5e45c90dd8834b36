"""Demo special services (S-01..S-08): two approved catalog items, one proposal awaiting the general manager,
and in each office a few bookings at different steps (one online booking waiting for the desk's quote), three
past months of jobs taken through every step (deposit, dispatch, work, signature, check, settlement,
evaluation) so the monthly figures and evaluations show something, two subcontractors, and one signed
long-term agreement with its service file. Skipped when present."""

from __future__ import annotations

import base64
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.demo.base import contact_of, households
from tenants.models import Tenant, User

ITEMS = [("家政保洁", "cleaning", "hour", "80.00", "50.00", "两名保洁员上门，按小时计费，自带工具"),
         ("管道疏通", "plumbing", "job", "120.00", "0.00", "接单后当日上门，疏通不成功不收费")]
SIGNATURE = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()
SURVEY = {"survey_households": 160, "survey_in_favour": 118, "survey_summary": "七成以上住户希望开展"}


def _catalog(office: Tenant, director: User) -> list[int]:
    """The approved items (proposed by this office's manager, approved by the general manager), once."""
    from modules.services.catalog.models import ServiceItem
    from modules.services.catalog.services import proposal_approve, proposal_submit

    gm = User.objects.filter(username="hq_hq_gm").first() or director
    ids = []
    for name, category, unit, price, deposit, standard in ITEMS:
        item = ServiceItem.objects.filter(name=name).first()
        if item is None:
            proposal = proposal_submit(office=office, user=director, kind="new_item", name=name, category=category,
                                       unit=unit, standard=standard, price=price, deposit=deposit, **SURVEY)
            item = proposal_approve(proposal_id=proposal.pk, user=gm, reason="同意开展").item
            item.offices.clear()  # every office may offer it
            proposal_submit(office=office, user=director, kind="new_rate", item_id=item.pk,
                            price=str(int(float(price)) + 10) + ".00", deposit=deposit,
                            effective_from=timezone.localdate() + timedelta(days=30),
                            reason="人工成本上涨", **SURVEY)  # left pending for the GM
        ids.append(item.pk)
    return ids


def services_seed(office: Tenant, staff: dict) -> None:
    """In `office`'s tenant context (the office's own id picks what it may offer)."""
    from modules.services import services as s
    from modules.services.models import Booking

    director, desk, cashier = staff.get("office_director"), staff.get("cs_staff"), staff.get("cashier")
    if not (director and desk and cashier):
        return
    with transaction.atomic():  # run in the office's tenant context (core/demo/__init__.py)
        if Booking.objects.exists():
            return
        item_ids = _catalog(office, director)
        for item_id in item_ids:
            s.offer_set(item_id=item_id, active=True, user=director)
        from modules.services.dispatch import subcontractor_register

        today = timezone.localdate()
        subs = [subcontractor_register(user=director, name=name, qualifications="营业执照、安全生产许可",
                                       contract_from=today - timedelta(days=120),
                                       contract_to=today + timedelta(days=300), item_ids=item_ids)
                for name in ("洁美家政服务公司", "通达管道工程队")]
        homes = households(6)
        now = timezone.now()
        for index, home in enumerate(homes[:5]):
            name, phone = contact_of(home)
            booking = s.booking_create(user=desk, channel="phone" if index % 2 else "desk", item_id=item_ids[index % 2],
                                       name=name, phone=phone, address=home.unit.label, household_id=home.pk,
                                       wanted_at=now + timedelta(days=index + 1), quantity="2" if index % 2 == 0 else "1")
            if index >= 1:
                s.booking_deposit(booking_id=booking.pk, user=cashier, role="cashier", kind="deposit",
                                  amount=booking.quote_deposit or "20.00",
                                  receipt_no=f"SF{booking.pk:05d}")
            if index >= 3:
                s.booking_record_work(booking_id=booking.pk, user=staff.get("cleaning") or desk, worker_name="陈师傅",
                                      hours="2", description="按标准完成", materials=[
                                          {"name": "清洁剂", "quantity": "1", "unit_price": "15.00"}])
            if index == 4:  # one job through to settlement, so the month's figures show revenue (S-06)
                s.booking_confirm(booking_id=booking.pk, user=desk, signature_data_url=SIGNATURE)
                s.booking_check(booking_id=booking.pk, user=staff.get("cs_supervisor") or director)
                s.booking_settle(booking_id=booking.pk, user=cashier, role="cashier",
                                 amount=booking.quote_amount + 15, receipt_no=f"JS{booking.pk:05d}")
        if not homes:
            return
        _past_months(staff, item_ids, subs, homes)
        _agreement(staff, item_ids[0], homes[-1])
        name, phone = contact_of(homes[0])
        s.booking_create(user=None, channel="online", item_id=item_ids[1], name=name, phone=phone,
                         address=homes[0].unit.label, household_id=homes[0].pk, wanted_at=now + timedelta(hours=20),
                         note="厨房水槽下水慢")  # waits for the desk's quote (S-03)


def _through_every_step(staff, booking, *, sub=None, fee=None, hours="2", extra="0"):
    """S-04/S-05/S-07: deposit, dispatch, work, the resident's signature, the check, settlement, evaluation."""
    from modules.services import services as s
    from modules.services.dispatch import booking_dispatch, booking_evaluate

    desk, cashier = staff["cs_staff"], staff["cashier"]
    supervisor = staff.get("cs_supervisor") or staff["office_director"]
    if booking.quote_deposit > 0:
        s.booking_deposit(booking_id=booking.pk, user=cashier, role="cashier", kind="deposit",
                          amount=booking.quote_deposit, receipt_no=f"SF{booking.pk:05d}")
    if sub is not None:
        booking_dispatch(booking_id=booking.pk, user=desk, subcontractor_id=sub.pk, fee=fee)
    worker = sub.name[:2] + "师傅" if sub is not None else "陈师傅"
    s.booking_record_work(booking_id=booking.pk, user=staff.get("cleaning") or desk, worker_name=worker, hours=hours,
                          description="按服务标准完成，住户现场验收",
                          materials=[{"name": "清洁剂", "quantity": "1", "unit_price": "15.00"}])
    s.booking_confirm(booking_id=booking.pk, user=desk, signature_data_url=SIGNATURE)
    s.booking_check(booking_id=booking.pk, user=supervisor)
    s.booking_settle(booking_id=booking.pk, user=cashier, role="cashier",
                     amount=booking.quote_amount + Decimal(extra), receipt_no=f"JS{booking.pk:05d}")
    booking_evaluate(booking_id=booking.pk, user=supervisor, score=5 if sub is None else 3 + booking.pk % 2)


def _past_months(staff, item_ids, subs, homes) -> None:
    """Two settled jobs in each of the three months before this one. The services stamp every step with the
    present moment; the demo then moves this job's rows back into its month (demo data only)."""
    from modules.services import models as m
    from modules.services import services as s

    now = timezone.now()
    for months_back in (3, 2, 1):
        for index in range(2):
            home = homes[(months_back + index) % len(homes)]
            name, phone = contact_of(home)
            item_id = item_ids[index]
            booking = s.booking_create(user=staff["cs_staff"], channel="phone", item_id=item_id, name=name,
                                       phone=phone, address=home.unit.label, household_id=home.pk,
                                       wanted_at=now + timedelta(hours=4), quantity="2" if index == 0 else "1")
            # the pipe job goes to the subcontractor; in the last month its fee outruns the revenue (S-06 loss)
            sub, fee = (subs[1], "160.00" if months_back == 1 else "60.00") if index else (None, None)
            _through_every_step(staff, booking, sub=sub, fee=fee)
            delta = now - _in_month_before(now, months_back, day=10 + 5 * index)
            m.Booking.objects.filter(pk=booking.pk).update(booked_at=F("booked_at") - delta,
                                                           wanted_at=F("wanted_at") - delta,
                                                           quoted_at=F("quoted_at") - delta)
            m.ServiceEvent.objects.filter(booking=booking).update(at=F("at") - delta)
            m.MoneyEntry.objects.filter(booking=booking).update(at=F("at") - delta)
            m.WorkRecord.objects.filter(booking=booking).update(done_at=F("done_at") - delta,
                                                                confirmed_at=F("confirmed_at") - delta,
                                                                checked_at=F("checked_at") - delta)
            m.Evaluation.objects.filter(booking=booking).update(at=F("at") - delta)
            _visit_back(booking.pk, delta)


def _in_month_before(now, months_back: int, *, day: int):
    """The same local time on `day` of the month `months_back` months before `now`'s."""
    first = timezone.localtime(now).date().replace(day=1)
    for _ in range(months_back):
        first = (first - timedelta(days=1)).replace(day=1)
    return now - (timezone.localtime(now).date() - first.replace(day=day)).days * timedelta(days=1)


def _visit_back(booking_id: int, delta) -> None:
    from modules.visits.models import ReturnVisit

    ReturnVisit.objects.filter(source_kind="service", source_id=booking_id, due_at__isnull=False).update(
        due_at=F("due_at") - delta)


def _agreement(staff, item_id: int, home) -> None:
    """S-03: one long-term agreement: deposit at the cashier, signed by the resident (its mid-term and end
    visits are scheduled), a job done and settled, the next one booked — its service file."""
    from modules.services import agreements as a

    desk, cashier = staff["cs_staff"], staff["cashier"]
    name, phone = contact_of(home)
    today = timezone.localdate()
    agreement = a.agreement_create(user=desk, item_id=item_id, name=name, phone=phone, address=home.unit.label,
                                   household_id=home.pk, frequency="monthly", starts_on=today - timedelta(days=20),
                                   ends_on=today + timedelta(days=345), quantity="3",
                                   note="每月上旬上门全屋保洁一次，每次三小时；住户外出时不上门。")
    a.agreement_deposit(agreement_id=agreement.pk, user=cashier, role="cashier", amount=agreement.deposit or "50.00",
                        receipt_no=f"XY{agreement.pk:05d}")
    a.agreement_sign(agreement_id=agreement.pk, user=desk, signature_data_url=SIGNATURE)
    done = a.agreement_job_create(agreement_id=agreement.pk, user=desk, wanted_at=timezone.now() + timedelta(hours=3))
    _through_every_step(staff, done, hours="3")
    a.agreement_job_create(agreement_id=agreement.pk, user=desk, wanted_at=timezone.now() + timedelta(days=10))
