"""Demo special services (S-01..S-05): two approved catalog items, one proposal awaiting the general manager,
and in each office a few bookings at different steps, their money taken by the cashier. Skipped when present."""

from __future__ import annotations

import base64
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.demo.base import contact_of, households
from tenants.models import Tenant, User

ITEMS = [("家政保洁", "cleaning", "hour", "80.00", "50.00", "两名保洁员上门，按小时计费，自带工具"),
         ("管道疏通", "plumbing", "job", "120.00", "0.00", "接单后当日上门，疏通不成功不收费")]
_SIGNATURE = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()
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
        for name in ("洁美家政服务公司", "通达管道工程队"):
            subcontractor_register(user=director, name=name, qualifications="营业执照、安全生产许可",
                                   contract_from=today - timedelta(days=60), contract_to=today + timedelta(days=300),
                                   item_ids=item_ids)
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
                s.booking_confirm(booking_id=booking.pk, user=desk, signature_data_url=_SIGNATURE)
                s.booking_check(booking_id=booking.pk, user=staff.get("cs_supervisor") or director)
                s.booking_settle(booking_id=booking.pk, user=cashier, role="cashier",
                                 amount=booking.quote_amount + 15, receipt_no=f"JS{booking.pk:05d}")
