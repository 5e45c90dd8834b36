"""Agreements end by themselves and the cashier may keep their deposit (S-03, S-05, S-06): the
services.agreement_end clock ends an expired agreement once, tells once (the cashier only while a deposit is
held), leaves a current one alone and each office alone; keeping all or part of the deposit is the cashier's,
bounded by what is held, after the end only, reversible, the item's revenue of the month and reconciled on
the day sheet."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from core.clocks.engine import clock_run
from core.errors import Forbidden, NotAllowedNow, ValidationFailed
from modules.services import agreements as a
from modules.services import models as m
from modules.services.catalog.selectors import local_day
from tests.modules.services.helpers import agreement_ended, agreement_signed, approved_item

pytestmark = pytest.mark.django_db
CLOCK = "services.agreement_end"


def _local(day, at=time(0, 1)):
    return timezone.make_aware(datetime.combine(day, at))


def _told(world, office, number):
    from core.notifications.models import Notification

    rows = Notification.objects.filter(tenant=office, title__contains=number)
    return sorted(rows.values_list("user__username", flat=True))


def test_s03_s05_clock_ends_an_expired_agreement_once_and_tells_once(world):
    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        held = agreement_signed(world, item, days=30, deposit="50.00")
        bare = agreement_signed(world, item, days=30)  # no deposit: the cashier has nothing to do
        current = agreement_signed(world, item, days=90)
        last_day = held.ends_on
        # the last day (Asia/Shanghai) is still in the term; the day after it, the term has run out
        assert clock_run(name=CLOCK, now=_local(last_day, time(23, 59)), tenant=world.alpha) == 0
        assert clock_run(name=CLOCK, now=_local(last_day + timedelta(days=1)), tenant=world.alpha) == 2
        assert clock_run(name=CLOCK, now=_local(last_day + timedelta(days=2)), tenant=world.alpha) == 0
        for agreement, status in ((held, m.ENDED), (bare, m.ENDED), (current, m.ACTIVE)):
            agreement.refresh_from_db()
            assert agreement.status == status
        ends = m.AgreementEvent.objects.filter(action="end")
        assert sorted(ends.values_list("agreement_id", flat=True)) == sorted([held.pk, bare.pk])
        assert {(e.actor_id, e.actor_name, e.from_state, e.to_state) for e in ends} == {(None, "", m.ACTIVE, m.ENDED)}
        assert m.AgreementEvent.objects.filter(agreement=current).exclude(action__in=("create", "sign")).count() == 0
    assert _told(world, world.alpha, held.number) == ["alpha_cashier", "alpha_cs_supervisor", "alpha_office_director"]
    assert _told(world, world.alpha, bare.number) == ["alpha_cs_supervisor", "alpha_office_director"]
    assert _told(world, world.alpha, current.number) == []


def test_s03_clock_ends_an_agreement_without_a_second_end_visit_s07(world):
    """The mid-term and end return visits were scheduled at signing; the end adds none."""
    from modules.visits.models import ReturnVisit

    item = approved_item(world)
    with tenant_context(world.alpha):
        agreement = agreement_signed(world, item, days=10)
        clock_run(name=CLOCK, now=_local(agreement.ends_on + timedelta(days=1)), tenant=world.alpha)
        visits = ReturnVisit.objects.filter(source_kind="agreement", source_id=agreement.pk)
        assert sorted(visits.values_list("occasion", flat=True)) == ["end", "mid"]


def test_s03_clock_isolated_per_office(world):
    item = approved_item(world)
    other = approved_item(world, office=world.beta)
    with tenant_context(world.alpha):
        mine = agreement_signed(world, item, days=20, deposit="50.00")
    with tenant_context(world.beta):
        theirs = agreement_signed(world, other, office=world.beta, days=20, deposit="50.00")
    later = _local(mine.ends_on + timedelta(days=1))
    with tenant_context(world.alpha):
        assert clock_run(name=CLOCK, now=later, tenant=world.alpha) == 1
    with tenant_context(world.beta):
        assert m.ServiceAgreement.objects.get(pk=theirs.pk).status == m.ACTIVE
        assert clock_run(name=CLOCK, now=later, tenant=world.beta) == 1
        assert m.ServiceAgreement.objects.get(pk=theirs.pk).status == m.ENDED
    from core.notifications.models import Notification

    assert not Notification.objects.filter(tenant=world.alpha, user__username__startswith="beta_").exists()
    assert not Notification.objects.filter(tenant=world.beta, user__username__startswith="alpha_").exists()
    assert "beta_cashier" in _told(world, world.beta, theirs.number)


def _counts():
    return m.MoneyEntry.objects.count(), m.AgreementEvent.objects.count()


def _keep(world, agreement, *, role="cashier", amount="30.00", receipt_no="KL-1", reason="损坏窗帘"):
    return a.agreement_deposit_keep(agreement_id=agreement.pk, user=world.users[("alpha", role)], role=role,
                                    amount=amount, receipt_no=receipt_no, reason=reason)


def test_s05_keep_the_whole_deposit(world):
    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_ended(world, item)
        kept = _keep(world, agreement, amount="50.00")
        assert kept.kind == m.KEPT and kept.amount == Decimal("-50.00") and kept.note == "损坏窗帘"
        assert kept.receipt_no == "KL-1" and kept.cashier_name
        assert not m.MoneyEntry.objects.filter(agreement=agreement, kind=m.REFUND).exists()
        assert a.agreement_held(agreement) == Decimal("0.00")
        event = m.AgreementEvent.objects.get(agreement=agreement, action="keep")
        assert event.from_state == event.to_state == m.ENDED and "损坏窗帘" in event.note
        with pytest.raises(NotAllowedNow):  # nothing held any more
            _keep(world, agreement, amount="1.00")


def test_s05_keep_part_and_refund_the_rest_in_the_same_step(world):
    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_signed(world, item, deposit="50.00")
        a.agreement_close(agreement_id=agreement.pk, user=world.users[("alpha", "cs_supervisor")],
                          action="terminate", reason="住户搬离")
        kept = _keep(world, agreement, amount="30.00", reason="两次服务费未结清")
        rows = list(m.MoneyEntry.objects.filter(agreement=agreement).values_list("kind", "amount", "receipt_no"))
        assert rows == [(m.DEPOSIT, Decimal("50.00"), "YJ-1"), (m.KEPT, Decimal("-30.00"), "KL-1"),
                        (m.REFUND, Decimal("-20.00"), "KL-1")]
        assert kept.amount == Decimal("-30.00") and a.agreement_held(agreement) == Decimal("0.00")
        assert m.ServiceAgreement.objects.get(pk=agreement.pk).status == m.TERMINATED


@pytest.mark.parametrize(("amount", "field"), [("50.01", "amount"), ("10.005", "amount"), ("0", "amount"),
                                               ("-5.00", "amount"), ("abc", "amount"), ("", "amount")])
def test_s05_keep_bad_amount_is_refused_naming_the_field_and_writes_nothing(world, amount, field):
    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_ended(world, item)
        before = _counts()
        with pytest.raises(ValidationFailed) as exc:
            _keep(world, agreement, amount=amount)
        assert field in exc.value.fields
        assert _counts() == before


@pytest.mark.parametrize(("extra", "field"), [({"reason": ""}, "reason"), ({"reason": "x" * 501}, "reason"),
                                              ({"receipt_no": ""}, "receipt_no"), ({"receipt_no": "x" * 33},
                                                                                   "receipt_no")])
def test_s05_keep_needs_a_reason_and_a_receipt(world, extra, field):
    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_ended(world, item)
        before = _counts()
        with pytest.raises(ValidationFailed) as exc:
            _keep(world, agreement, **extra)
        assert field in exc.value.fields and _counts() == before


def test_s05_keep_by_a_non_cashier_is_forbidden(world):
    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_ended(world, item)
        before = _counts()
        for role in ("cs_staff", "cs_supervisor", "office_director", "cleaning"):
            with pytest.raises(Forbidden):
                _keep(world, agreement, role=role)
        assert _counts() == before


def test_s05_keep_before_the_end_or_of_a_cancelled_draft_is_refused(world):
    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        active = agreement_signed(world, item, deposit="50.00")
        draft = a.agreement_create(user=world.users[("alpha", "cs_staff")], item_id=item.pk, name="王", address="1-1",
                                   frequency="weekly", starts_on=local_day(), ends_on=local_day() + timedelta(days=9))
        a.agreement_deposit(agreement_id=draft.pk, user=world.users[("alpha", "cashier")], role="cashier",
                            amount="50.00", receipt_no="D1")
        before = _counts()
        with pytest.raises(NotAllowedNow):
            _keep(world, active)
        with pytest.raises(NotAllowedNow):
            _keep(world, draft)
        a.agreement_close(agreement_id=draft.pk, user=world.users[("alpha", "cs_staff")], action="cancel",
                          reason="住户改变主意")
        before = _counts()
        with pytest.raises(NotAllowedNow):  # never signed, never served: refunded, not kept
            _keep(world, draft)
        assert _counts() == before


def test_s05_kept_deposit_is_reversed_like_any_entry(world):
    from modules.services.services import money_reverse

    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_ended(world, item)
        kept = _keep(world, agreement, amount="50.00")
        reversal = money_reverse(entry_id=kept.pk, user=world.users[("alpha", "cashier")], role="cashier",
                                 receipt_no="KL-1-C", reason="应为退还")
        assert reversal.kind == m.REVERSAL and reversal.amount == Decimal("50.00") and reversal.reverses_id == kept.pk
        assert m.MoneyEntry.objects.get(pk=kept.pk).amount == Decimal("-50.00")
        assert a.agreement_held(agreement) == Decimal("50.00")
        refund = a.agreement_refund(agreement_id=agreement.pk, user=world.users[("alpha", "cashier")],
                                    role="cashier", receipt_no="TK-1")
        assert refund.amount == Decimal("-50.00")


def test_s06_kept_deposit_is_revenue_of_the_item_in_its_month(world):
    from modules.services.selectors import item_month_figures, margin_rows
    from modules.services.services import money_reverse

    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_ended(world, item)
        month = local_day().replace(day=1)
        assert item_month_figures(month=month) == []  # a deposit held (or refunded) is nobody's revenue
        kept = _keep(world, agreement, amount="30.00")
        [row] = item_month_figures(month=month)
        assert (row["item_id"], row["jobs"], row["kept"], row["revenue"]) == (item.pk, 0, Decimal("30.00"),
                                                                              Decimal("30.00"))
        assert row["margin"] == Decimal("30.00") and not row["loss"]
        assert margin_rows(month=month) == [(item.code, Decimal("30.00"), Decimal("0.00"), Decimal("30.00"))]
        assert item_month_figures(month=(month - timedelta(days=1)).replace(day=1)) == []
        money_reverse(entry_id=kept.pk, user=world.users[("alpha", "cashier")], role="cashier", receipt_no="C",
                      reason="录错")
        [row] = item_month_figures(month=month)
        assert row["revenue"] == row["kept"] == Decimal("0.00")


def test_s06_kept_deposit_adds_to_the_settled_jobs_of_the_item(world):
    from modules.services import services as s
    from modules.services.selectors import item_month_figures

    item = approved_item(world, price="80.00", deposit="50.00")
    users = world.users
    with tenant_context(world.alpha):
        agreement = agreement_signed(world, item, deposit="50.00")
        job = a.agreement_job_create(agreement_id=agreement.pk, user=users[("alpha", "cs_staff")],
                                     wanted_at=timezone.now() + timedelta(hours=2))
        s.booking_record_work(booking_id=job.pk, user=users[("alpha", "cleaning")], worker_name="陈", hours="0",
                              description="完成")
        m.Booking.objects.filter(pk=job.pk).update(status=m.CHECKED)  # signed and checked (tested elsewhere)
        s.booking_settle(booking_id=job.pk, user=users[("alpha", "cashier")], role="cashier", amount="80.00",
                         receipt_no="JS-1")
        a.agreement_close(agreement_id=agreement.pk, user=users[("alpha", "cs_supervisor")], action="end")
        _keep(world, agreement, amount="20.00")
        [row] = item_month_figures(month=local_day())
        assert (row["jobs"], row["kept"], row["revenue"]) == (1, Decimal("20.00"), Decimal("100.00"))


def test_s05_day_sheet_reconciles_with_a_kept_deposit(world, client_for):
    from modules.services.selectors import cashier_day_sheet

    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_ended(world, item)
        _keep(world, agreement, amount="30.00")
        sheet = cashier_day_sheet()
    totals = sheet["totals"]
    assert (totals[m.DEPOSIT], totals[m.KEPT], totals[m.REFUND]) == (Decimal("50.00"), Decimal("-30.00"),
                                                                      Decimal("-20.00"))
    assert sum(totals.values()) == sheet["net"] == sum(e.amount for e in sheet["entries"]) == Decimal("0.00")
    assert sheet["kept"] == Decimal("-30.00")
    # the till: 50 taken in, 20 handed back; the 30 kept never left it
    assert sheet["cash"] == totals[m.DEPOSIT] + totals[m.REFUND] == Decimal("30.00")
    body = client_for(world.alpha, "cashier").get("/services/day-sheet/").content.decode()
    assert "扣留押金" in body and "现金净额" in body and agreement.number in body


@pytest.mark.parametrize("action,reason", [("end", ""), ("terminate", "业主搬离")])
def test_s05_agreement_closed_by_hand_with_a_deposit_held_tells_the_cashier_once(
        world, action, reason, django_capture_on_commit_callbacks):
    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        held = agreement_signed(world, item, days=30, deposit="50.00")
        bare = agreement_signed(world, item, days=30)
        with django_capture_on_commit_callbacks(execute=True):
            for agreement in (held, bare):
                a.agreement_close(agreement_id=agreement.pk, user=world.users[("alpha", "cs_supervisor")],
                                  action=action, reason=reason)
        # the end clock has nothing left to end or tell
        assert clock_run(name=CLOCK, now=_local(held.ends_on + timedelta(days=1)), tenant=world.alpha) == 0
    assert _told(world, world.alpha, held.number) == ["alpha_cashier"]
    assert _told(world, world.alpha, bare.number) == []
