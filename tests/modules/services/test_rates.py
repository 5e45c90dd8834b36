"""S-08: a rate approved today with effect from the 1st of next month leaves every quote made before then
alone — a booking made today (even for a job next month), its later quote step, an agreement drawn up today
and the jobs under it — and prices a booking made next month."""

from __future__ import annotations

import base64
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from modules.services import agreements as a
from modules.services import services as s
from modules.services.catalog.selectors import local_day
from modules.services.catalog.services import proposal_approve, proposal_submit
from tests.modules.services.helpers import SURVEY, approved_item

pytestmark = pytest.mark.django_db
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def test_s08_rate_changed_today_for_next_month_keeps_todays_quotes_and_prices_next_months_booking(world):
    item = approved_item(world, price="80.00", deposit="50.00")
    first_next = (local_day().replace(day=1) + timedelta(days=32)).replace(day=1)
    proposal = proposal_submit(office=world.alpha, user=world.users[("alpha", "office_director")], kind="new_rate",
                               item_id=item.pk, price="96.00", deposit="60.00", effective_from=first_next,
                               reason="人工成本上涨", **SURVEY)
    proposal_approve(proposal_id=proposal.pk, user=world.users[("hq", "hq_gm")])
    desk = world.users[("alpha", "cs_staff")]
    next_month_noon = timezone.make_aware(datetime.combine(first_next, time(12)))
    with tenant_context(world.alpha):
        today = s.booking_create(user=desk, channel="phone", item_id=item.pk, name="王", address="1-101",
                                 phone="13800000001", wanted_at=next_month_noon + timedelta(days=2))
        online = s.booking_create(user=None, channel="online", item_id=item.pk, name="孙", address="5-501",
                                  phone="13800000009", wanted_at=next_month_noon + timedelta(days=2))
        agreement = a.agreement_create(user=desk, item_id=item.pk, name="周", address="2-201", frequency="monthly",
                                       starts_on=local_day(), ends_on=local_day() + timedelta(days=120))
        a.agreement_sign(agreement_id=agreement.pk, user=desk,
                         signature_data_url=PNG_URL)
        later = s.booking_create(user=desk, channel="phone", item_id=item.pk, name="李", address="3-301",
                                 phone="13800000003", wanted_at=next_month_noon + timedelta(days=3),
                                 booked_at=next_month_noon)
        quoted = s.booking_quote(booking_id=online.pk, user=desk, quantity="2")
        job = a.agreement_job_create(agreement_id=agreement.pk, user=desk, wanted_at=next_month_noon)
        today.refresh_from_db()
    assert (today.quote_price, today.quote_deposit) == (Decimal("80.00"), Decimal("50.00"))
    assert quoted.quote_price == Decimal("80.00") and quoted.quote_amount == Decimal("160.00")
    assert agreement.unit_price == Decimal("80.00") and job.quote_price == Decimal("80.00")
    assert (later.quote_price, later.quote_deposit) == (Decimal("96.00"), Decimal("60.00"))
