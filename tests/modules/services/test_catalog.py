"""S-01, S-08: the catalog enters only through approved proposals; rates are versions by date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from core.errors import NotAllowedNow, ValidationFailed
from modules.services.catalog.models import STOPPED, ServiceItem, ServiceProposal, ServiceRate
from modules.services.catalog.selectors import item_is_open, local_day, rate_history, rate_in_force
from modules.services.catalog.services import proposal_approve, proposal_reject, proposal_submit
from modules.services.services import booking_create
from tests.modules.services.helpers import SURVEY, approved_item, soon

pytestmark = pytest.mark.django_db


def _director(world):
    return world.users[("alpha", "office_director")]


def _gm(world):
    return world.users[("hq", "hq_gm")]


def test_s01_proposal_enters_catalog_only_when_approved(world):
    proposal = proposal_submit(office=world.alpha, user=_director(world), kind="new_item", name="管道疏通",
                               category="plumbing", unit="job", standard="当日完成", price="60.00",
                               deposit="0", **SURVEY)
    assert not ServiceItem.objects.filter(name="管道疏通").exists()
    proposal_approve(proposal_id=proposal.pk, user=_gm(world), reason="同意")
    item = ServiceItem.objects.get(name="管道疏通")
    assert list(item.offices.all()) == [world.alpha]
    assert rate_in_force(item_id=item.pk).price == item.rates.get().price


def test_s01_rejection_needs_reason_and_changes_nothing(world):
    proposal = proposal_submit(office=world.alpha, user=_director(world), kind="new_item", name="代办缴费",
                               category="errand", unit="job", standard="x", price="10.00", **SURVEY)
    with pytest.raises(ValidationFailed) as exc:
        proposal_reject(proposal_id=proposal.pk, user=_gm(world), reason=" ")
    assert "reason" in exc.value.fields
    proposal_reject(proposal_id=proposal.pk, user=_gm(world), reason="收费过高")
    assert not ServiceItem.objects.filter(name="代办缴费").exists()
    with pytest.raises(NotAllowedNow):
        proposal_approve(proposal_id=proposal.pk, user=_gm(world))


def test_s01_new_item_needs_the_survey_result(world):
    with pytest.raises(ValidationFailed) as exc:
        proposal_submit(office=world.alpha, user=_director(world), kind="new_item", name="x", category="other",
                        unit="job", standard="x", price="1.00", survey_households=0, survey_summary="")
    assert "survey_households" in exc.value.fields
    assert not ServiceProposal.objects.filter(name="x").exists()


@pytest.mark.parametrize("price, field", [("-1.00", "price"), ("1.005", "price"), (1.5, "price")])
def test_s01_money_is_decimal_two_places_not_negative(world, price, field):
    with pytest.raises(ValidationFailed) as exc:
        proposal_submit(office=world.alpha, user=_director(world), kind="new_item", name="y", category="other",
                        unit="job", standard="x", price=price, **SURVEY)
    assert field in exc.value.fields


def test_s08_rate_change_next_month_leaves_todays_quote_and_prices_next_months(world):
    item = approved_item(world, price="80.00")
    next_month = local_day() + timedelta(days=31)
    proposal = proposal_submit(office=world.alpha, user=_director(world), kind="new_rate", item_id=item.pk,
                               price="95.50", deposit="50.00", effective_from=next_month, **SURVEY)
    proposal_approve(proposal_id=proposal.pk, user=_gm(world))
    clerk = world.users[("alpha", "cs_staff")]
    with tenant_context(world.alpha):
        today = booking_create(user=clerk, channel="phone", item_id=item.pk, name="王女士", phone="13800000001",
                               address="1-101", wanted_at=soon())
        later = booking_create(user=clerk, channel="phone", item_id=item.pk, name="王女士", phone="13800000001",
                               address="1-101", wanted_at=soon(40), booked_at=timezone.now() + timedelta(days=32))
        today.refresh_from_db()
    assert str(today.quote_price) == "80.00" and str(later.quote_price) == "95.50"
    assert [str(r.price) for r in rate_history(item_id=item.pk)] == ["95.50", "80.00"]


def test_s08_rate_cannot_start_in_the_past(world):
    item = approved_item(world)
    with pytest.raises(ValidationFailed) as exc:
        proposal_submit(office=world.alpha, user=_director(world), kind="new_rate", item_id=item.pk, price="1.00",
                        effective_from=local_day() - timedelta(days=1), **SURVEY)
    assert "effective_from" in exc.value.fields
    assert ServiceRate.objects.filter(item=item).count() == 1


def test_s01_stopping_an_item_needs_approval(world):
    item = approved_item(world)
    proposal = proposal_submit(office=world.alpha, user=_director(world), kind="stop_item", item_id=item.pk,
                               reason="连续亏损")
    item.refresh_from_db()
    assert item_is_open(item, day=local_day())
    proposal_approve(proposal_id=proposal.pk, user=_gm(world))
    item.refresh_from_db()
    assert item.status == STOPPED and not item_is_open(item, day=local_day())
    with tenant_context(world.alpha), pytest.raises(NotAllowedNow):
        booking_create(user=world.users[("alpha", "cs_staff")], channel="desk", item_id=item.pk, name="李",
                       address="2-202", wanted_at=soon())
