"""Long-term service agreements (S-03, S-05, S-07, S-08): drawn up at the frozen rate, the deposit only
through the cashier, signed by the resident (which schedules the mid-term and end visits), its service file
listing every job under it, and the state table refusing steps out of order."""

from __future__ import annotations

import base64
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from core.errors import Forbidden, NotAllowedNow, ValidationFailed
from modules.services import agreements as a
from modules.services import models as m
from modules.services.catalog.selectors import local_day
from tests.modules.services.helpers import approved_item

pytestmark = pytest.mark.django_db
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def _draft(world, item, **extra):
    today = local_day()
    fields = {"item_id": item.pk, "name": "周女士", "phone": "13800000021", "address": "2-201",
              "frequency": "weekly", "starts_on": today, "ends_on": today + timedelta(days=180), "quantity": "2",
              **extra}
    return a.agreement_create(user=world.users[("alpha", "cs_staff")], **fields)


def test_s03_s08_agreement_freezes_the_rate_in_force_and_signature_schedules_visits_s07(world):
    from modules.visits.models import ReturnVisit

    item = approved_item(world, price="80.00", deposit="50.00")
    users = world.users
    with tenant_context(world.alpha):
        agreement = _draft(world, item)
        assert agreement.number.startswith("XY-") and agreement.price == Decimal("160.00")
        assert agreement.deposit == Decimal("50.00") and agreement.status == m.DRAFT
        a.agreement_deposit(agreement_id=agreement.pk, user=users[("alpha", "cashier")], role="cashier",
                            amount="50.00", receipt_no="XY1")
        signed = a.agreement_sign(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")],
                                  signature_data_url=PNG_URL)
        assert signed.status == m.ACTIVE and signed.signature_id and signed.signed_at
        visits = ReturnVisit.objects.filter(source_kind="agreement", source_id=agreement.pk)
        assert sorted(visits.values_list("occasion", flat=True)) == ["end", "mid"]
        assert set(visits.values_list("source_number", flat=True)) == {agreement.number}


def test_s03_service_file_lists_every_job_done_under_the_agreement(world):
    from modules.services import services as s
    from modules.services.selectors import agreement_file

    item = approved_item(world, price="80.00", deposit="50.00")
    users = world.users
    with tenant_context(world.alpha):
        agreement = _draft(world, item)
        a.agreement_sign(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")], signature_data_url=PNG_URL)
        first = a.agreement_job_create(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")],
                                       wanted_at=timezone.now() + timedelta(days=1))
        a.agreement_job_create(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")],
                               wanted_at=timezone.now() + timedelta(days=8))
        assert first.channel == m.CONTRACT and first.quote_amount == Decimal("160.00") and first.quoted_at
        s.booking_record_work(booking_id=first.pk, user=users[("alpha", "cleaning")], worker_name="陈师傅",
                              hours="2", description="按协议完成")
        data = agreement_file(m.ServiceAgreement.objects.get(pk=agreement.pk))
        assert [b.pk for b in data["jobs"]][0] == first.pk and len(data["jobs"]) == 2 and data["done"] == 1
        with pytest.raises(ValidationFailed) as exc:  # outside the term
            a.agreement_job_create(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")],
                                   wanted_at=timezone.now() + timedelta(days=400))
        assert "wanted_at" in exc.value.fields


def test_s05_agreement_deposit_only_by_the_cashier_and_refund_after_the_end(world):
    item = approved_item(world, price="80.00", deposit="50.00")
    users = world.users
    with tenant_context(world.alpha):
        agreement = _draft(world, item)
        for role in ("cs_staff", "cs_supervisor", "office_director"):
            with pytest.raises(Forbidden):
                a.agreement_deposit(agreement_id=agreement.pk, user=users[("alpha", role)], role=role,
                                    amount="50.00", receipt_no="X")
        for bad in ("-1.00", "1.005", "abc"):
            with pytest.raises(ValidationFailed) as exc:
                a.agreement_deposit(agreement_id=agreement.pk, user=users[("alpha", "cashier")], role="cashier",
                                    amount=bad, receipt_no="X")
            assert "amount" in exc.value.fields
        assert not m.MoneyEntry.objects.filter(agreement=agreement).exists()
        a.agreement_deposit(agreement_id=agreement.pk, user=users[("alpha", "cashier")], role="cashier",
                            amount="50.00", receipt_no="X1")
        with pytest.raises(NotAllowedNow):  # not over yet
            a.agreement_refund(agreement_id=agreement.pk, user=users[("alpha", "cashier")], role="cashier",
                               receipt_no="X2")
        a.agreement_sign(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")], signature_data_url=PNG_URL)
        with pytest.raises(ValidationFailed):  # terminating early needs a reason
            a.agreement_close(agreement_id=agreement.pk, user=users[("alpha", "cs_supervisor")], action="terminate")
        a.agreement_close(agreement_id=agreement.pk, user=users[("alpha", "cs_supervisor")], action="terminate",
                          reason="住户搬离")
        refund = a.agreement_refund(agreement_id=agreement.pk, user=users[("alpha", "cashier")], role="cashier",
                                    receipt_no="X2")
        assert refund.amount == Decimal("-50.00") and refund.kind == m.REFUND
        with pytest.raises(NotAllowedNow):  # nothing left to refund
            a.agreement_refund(agreement_id=agreement.pk, user=users[("alpha", "cashier")], role="cashier",
                               receipt_no="X3")
        with pytest.raises(NotAllowedNow):  # a terminated agreement takes no job
            a.agreement_job_create(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")],
                                   wanted_at=timezone.now() + timedelta(days=1))


def test_s05_agreement_deposit_mistake_is_reversed_not_edited(world):
    from modules.services.services import money_reverse

    item = approved_item(world)
    users = world.users
    with tenant_context(world.alpha):
        agreement = _draft(world, item)
        entry = a.agreement_deposit(agreement_id=agreement.pk, user=users[("alpha", "cashier")], role="cashier",
                                    amount="500.00", receipt_no="X1")
        reversal = money_reverse(entry_id=entry.pk, user=users[("alpha", "cashier")], role="cashier",
                                 receipt_no="X1-C", reason="多输一个零")
        assert reversal.agreement_id == agreement.pk and reversal.amount == Decimal("-500.00")
        assert m.MoneyEntry.objects.get(pk=entry.pk).amount == Decimal("500.00")
        assert m.AgreementEvent.objects.filter(agreement=agreement, action="reverse").exists()


def test_s03_agreement_bad_input_writes_nothing(world):
    item = approved_item(world)
    other = approved_item(world, offer=False)
    today = local_day()
    with tenant_context(world.alpha):
        cases = [({"frequency": "daily"}, "frequency"), ({"ends_on": today}, "ends_on"),
                 ({"ends_on": today + timedelta(days=5000)}, "ends_on"),
                 ({"starts_on": today - timedelta(days=90)}, "starts_on"), ({"quantity": "-1"}, "quantity"),
                 ({"quantity": "1.005"}, "quantity"), ({"name": ""}, "name")]
        for extra, field in cases:
            with pytest.raises(ValidationFailed) as exc:
                _draft(world, item, **extra)
            assert field in exc.value.fields, (extra, exc.value.fields)
        with pytest.raises(NotAllowedNow) as exc:  # an item the office does not offer
            _draft(world, other)
        assert "item_id" in exc.value.fields
        assert not m.ServiceAgreement.objects.exists() and not m.AgreementEvent.objects.exists()


def test_s03_agreement_steps_out_of_order_are_refused(world):
    item = approved_item(world)
    users = world.users
    with tenant_context(world.alpha):
        agreement = _draft(world, item)
        with pytest.raises(NotAllowedNow):  # a draft takes no job before it is signed
            a.agreement_job_create(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")],
                                   wanted_at=timezone.now() + timedelta(days=1))
        with pytest.raises(ValidationFailed):  # no signature
            a.agreement_sign(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")], signature_data_url="")
        a.agreement_sign(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")], signature_data_url=PNG_URL)
        with pytest.raises(NotAllowedNow):  # signed once
            a.agreement_sign(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")], signature_data_url=PNG_URL)
        with pytest.raises(NotAllowedNow):  # a signed one is ended or terminated, not cancelled
            a.agreement_close(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")], action="cancel",
                              reason="x")
