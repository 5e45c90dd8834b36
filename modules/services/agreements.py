"""Long-term service agreements 特约服务协议 (S-03, S-05, S-07; seed 002 §4.2.3–4.2.4, §4.3.1).

Drawn up at the desk for an item the office offers, the price of each occasion frozen from the rate in force
(S-08); the cashier alone takes (and at the end refunds, or keeps in part or whole with a reason) its deposit
as append-only money entries (S-05); the resident signs on screen (as for complaint replies), which starts it
and schedules its mid-term and end return visits (S-07, modules/visits `agreement_visits_schedule`, in the
same transaction). Once its last day has passed it ends by itself (the services.agreement_end clock, which
tells the supervisors and, while a deposit is held, the cashier). Jobs done under it are bookings linked to
it: together they are its service file 服务档案. Every step locks the agreement, checks AGREEMENT_TRANSITIONS
and writes an AgreementEvent."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.services import models as m
from modules.services.catalog.selectors import local_day, rate_in_force
from modules.services.money import money
from modules.services.services import (
    _actor,
    _cashier_only,
    _entry,
    _event,
    _offered_item,
    _text,
)

MAX_TERM_DAYS = 3 * 366  # an agreement runs at most three years
MAX_START_DAYS_BACK = 31  # drawn up for a service that began at most a month ago


def agreement_event(agreement: m.ServiceAgreement, *, action: str, user, from_state: str = "",
                    to_state: str = "", note: str = "") -> None:
    m.AgreementEvent.objects.create(agreement=agreement, action=action, from_state=from_state or agreement.status,
                                    to_state=to_state or agreement.status, actor_id=getattr(user, "pk", None),
                                    actor_name=_actor(user), at=timezone.now(), note=note[:2000])


def agreement_lock(agreement_id: int, action: str) -> tuple[m.ServiceAgreement, str]:
    agreement = m.ServiceAgreement.objects.select_for_update().filter(pk=agreement_id).first()
    if agreement is None:
        raise NotFound("服务协议不存在。")
    target = m.AGREEMENT_TRANSITIONS[action].get(agreement.status)
    if target is None:
        raise NotAllowedNow("服务协议当前状态不能执行该操作。", code="agreement_state")
    return agreement, target


def _move(agreement: m.ServiceAgreement, target: str, *, action: str, user, note: str = "",
          fields: tuple[str, ...] = ()) -> m.ServiceAgreement:
    source = agreement.status
    agreement.status = target
    agreement.save(update_fields=["status", *fields])
    agreement_event(agreement, action=action, user=user, from_state=source, to_state=target, note=note)
    return agreement


def _term(starts_on: date | None, ends_on: date | None) -> tuple[date, date]:
    if starts_on is None:
        raise ValidationFailed("协议开始日期必填。", fields={"starts_on": ["必填"]})
    if ends_on is None:
        raise ValidationFailed("协议结束日期必填。", fields={"ends_on": ["必填"]})
    today = local_day()
    if starts_on < today - timedelta(days=MAX_START_DAYS_BACK):
        raise ValidationFailed("协议开始日期过早。", fields={"starts_on": [f"最早 {MAX_START_DAYS_BACK} 天前"]})
    if ends_on <= starts_on:
        raise ValidationFailed("协议结束日期须晚于开始日期。", fields={"ends_on": ["须晚于开始日期"]})
    if (ends_on - starts_on).days > MAX_TERM_DAYS:
        raise ValidationFailed("协议期限最长三年。", fields={"ends_on": ["期限最长三年"]})
    return starts_on, ends_on


@transaction.atomic
def agreement_create(*, user, item_id: int, name: str, address: str, frequency: str, starts_on: date,
                     ends_on: date, phone: str = "", household_id: int | None = None, quantity="1",
                     note: str = "") -> m.ServiceAgreement:
    """S-03: draw up an agreement for an item this office offers; each occasion's price is the rate in force
    now × the quantity (frozen, S-08), the deposit the rate's deposit. Nothing is written on a bad input."""
    if frequency not in dict(m.FREQUENCIES):
        raise ValidationFailed("服务频次无效。", fields={"frequency": ["无效的选项"]})
    starts_on, ends_on = _term(starts_on, ends_on)
    now = timezone.now()
    item = _offered_item(item_id, at=now)
    rate = rate_in_force(item_id=item.pk, at=now)
    if rate is None:
        raise NotAllowedNow("该服务项目尚无生效的收费标准。", code="not_offered", fields={"item_id": ["尚无收费标准"]})
    qty = money(quantity, field="quantity", allow_zero=False)
    if household_id is not None:
        from modules.residents.models import Household

        if not Household.objects.filter(pk=household_id).exists():
            raise ValidationFailed("住户不存在。", fields={"household_id": ["住户不存在"]})
    agreement = m.ServiceAgreement.objects.create(
        household_id=household_id, name=_text(name, "name", "住户姓名", max_length=64),
        phone=_text(phone, "phone", "电话", max_length=32, required=False),
        address=_text(address, "address", "地址", max_length=200), item_id=item.pk, item_name=item.name,
        item_unit=item.unit, rate_id=rate.pk, unit_price=rate.price, quantity=qty, deposit=rate.deposit,
        frequency=frequency, starts_on=starts_on, ends_on=ends_on,
        note=_text(note, "note", "协议条款", max_length=2000, required=False), created_by_name=_actor(user))
    agreement_event(agreement, action="create", user=user, from_state="", to_state=m.DRAFT,
                    note=f"{rate.price} × {qty}")
    return agreement


@transaction.atomic
def agreement_deposit(*, agreement_id: int, user, role: str, amount, receipt_no: str) -> m.MoneyEntry:
    """S-05: the cashier alone takes the agreement's deposit, with its receipt number."""
    _cashier_only(role)
    value = money(amount, field="amount", allow_zero=False)
    receipt = _text(receipt_no, "receipt_no", "票据号", max_length=32)
    agreement, target = agreement_lock(agreement_id, "deposit")
    entry = _entry(None, agreement=agreement, kind=m.DEPOSIT, amount=value, receipt_no=receipt, user=user)
    _move(agreement, target, action="deposit", user=user, note=f"押金 {value} {receipt}")
    return entry


@transaction.atomic
def agreement_sign(*, agreement_id: int, user, signature_data_url: str) -> m.ServiceAgreement:
    """S-03: the resident signs on screen (a PNG like a complaint reply's signature); the agreement starts
    and its mid-term and end return visits are scheduled (S-07) in the same transaction."""
    from modules.complaints.services import signature_from_data_url
    from modules.visits.services import agreement_visits_schedule

    if not signature_data_url:
        raise ValidationFailed("须有住户签名。", fields={"signature": ["缺少住户签名"]})
    signature = signature_from_data_url(data_url=signature_data_url, user=user)
    agreement, target = agreement_lock(agreement_id, "sign")
    if agreement.ends_on < local_day():
        raise NotAllowedNow("协议期限已过，不能签订。", fields={"ends_on": ["已过期"]})
    agreement.signature, agreement.signed_at = signature, timezone.now()
    _move(agreement, target, action="sign", user=user, fields=("signature", "signed_at"))
    agreement_visits_schedule(agreement_id=agreement.pk, number=agreement.number, starts_on=agreement.starts_on,
                              ends_on=agreement.ends_on, summary=f"{agreement.item_name} {agreement.address}"[:200],
                              household_id=agreement.household_id, contact_name=agreement.name,
                              contact_phone=agreement.phone)
    return agreement


@transaction.atomic
def agreement_job_create(*, agreement_id: int, user, wanted_at: datetime, note: str = "") -> m.Booking:
    """S-03: one occasion of the agreement: a booking at the agreement's frozen price (no further deposit,
    the agreement holds it), listed in the service file; dispatched, recorded, signed, checked and settled
    like any booking (S-04, S-05)."""
    if wanted_at is None:
        raise ValidationFailed("期望服务时间必填。", fields={"wanted_at": ["必填"]})
    note = _text(note, "note", "备注", max_length=2000, required=False)
    agreement, target = agreement_lock(agreement_id, "job")
    if not agreement.starts_on <= local_day(wanted_at) <= agreement.ends_on:
        raise ValidationFailed("服务时间不在协议期限内。", fields={"wanted_at": ["不在协议期限内"]})
    now = timezone.now()
    booking = m.Booking.objects.create(
        channel=m.CONTRACT, household_id=agreement.household_id, name=agreement.name, phone=agreement.phone,
        address=agreement.address, item_id=agreement.item_id, item_name=agreement.item_name,
        item_unit=agreement.item_unit, rate_id=agreement.rate_id, quote_price=agreement.unit_price,
        quote_deposit=agreement.deposit * 0, quantity=agreement.quantity, wanted_at=wanted_at, booked_at=now,
        note=note, booked_by_name=_actor(user), quoted_at=now, quoted_by_name=_actor(user), agreement=agreement)
    _event(booking, action="book", user=user, to_state=m.BOOKED, note=f"{agreement.number} {agreement.price}")
    agreement_event(agreement, action="job", user=user, note=booking.number)
    return booking


@transaction.atomic
def agreement_close(*, agreement_id: int, user, action: str, reason: str = "") -> m.ServiceAgreement:
    """The agreement ends at its term (`end`), is ended early (`terminate`, a reason required) or, never
    signed, is cancelled (`cancel`, a reason required). Open jobs under it are left to finish."""
    if action not in ("end", "terminate", "cancel"):
        raise ValidationFailed("操作无效。", fields={"action": ["无效的选项"]})
    reason = _text(reason, "reason", "原因", max_length=500, required=action != "end")
    agreement, target = agreement_lock(agreement_id, action)
    agreement.closed_reason = reason
    agreement = _move(agreement, target, action=action, user=user, note=reason, fields=("closed_reason",))
    if action != "cancel":
        _deposit_held_tell(agreement)
    return agreement


def _deposit_held_tell(agreement: m.ServiceAgreement) -> None:
    """S-05: an agreement ended or terminated by hand while a deposit is held — the cashier is told once,
    after commit, as the end clock tells at the term's end (same key: never both)."""
    held = agreement_held(agreement)
    if held <= 0:
        return
    from core.notifications.services import notification_send_to_roles
    from core.permissions import CASHIER
    from modules.complaints.services._common import current_office

    office, (title, body) = current_office(), _deposit_notice(agreement, held)
    key, url = f"{agreement_end_key(agreement)}:deposit", f"/services/agreements/{agreement.pk}/"
    transaction.on_commit(lambda: notification_send_to_roles(tenant=office, roles=[CASHIER], title=title, body=body,
                                                             url=url, dedupe_key=key))


def _deposit_notice(agreement: m.ServiceAgreement, held) -> tuple[str, str]:
    return (f"服务协议已结束，押金待处理：{agreement.number}",
            f"{agreement.name} {agreement.address}，期限至 {agreement.ends_on:%Y-%m-%d}；在押押金 {held} 元，请退还或扣留。")


def agreement_held(agreement: m.ServiceAgreement):
    """The deposit the agreement still holds: the sum of its money entries (never a total kept on it)."""
    from django.db.models import Sum

    return agreement.money.aggregate(s=Sum("amount"))["s"] or agreement.deposit * 0


@transaction.atomic
def agreement_refund(*, agreement_id: int, user, role: str, receipt_no: str) -> m.MoneyEntry:
    """S-05: after the agreement is over, the cashier refunds the deposit still held (a negative entry)."""
    _cashier_only(role)
    receipt = _text(receipt_no, "receipt_no", "票据号", max_length=32)
    agreement, target = agreement_lock(agreement_id, "refund")
    balance = agreement_held(agreement)
    if balance <= 0:
        raise NotAllowedNow("该协议没有可退的押金。", code="nothing_to_refund")
    entry = _entry(None, agreement=agreement, kind=m.REFUND, amount=-balance, receipt_no=receipt, user=user,
                   note="退还协议押金")
    _move(agreement, target, action="refund", user=user, note=f"{-balance} {receipt}")
    return entry


@transaction.atomic
def agreement_deposit_keep(*, agreement_id: int, user, role: str, amount, receipt_no: str,
                           reason: str) -> m.MoneyEntry:
    """S-05 (seed 002 §4.3.1: settled by the agreement's terms): once the agreement has ended or been
    terminated, the cashier alone keeps all or part of the deposit still held, for a reason (damage, jobs
    left unpaid…): a KEPT entry (negative: it leaves the deposit held, no cash moves) that counts as the
    item's revenue of its month (S-06); the rest is refunded in the same step. A mistake is reversed like
    any entry. Bad input is refused before anything is written."""
    _cashier_only(role)
    value = money(amount, field="amount", allow_zero=False)
    receipt = _text(receipt_no, "receipt_no", "票据号", max_length=32)
    reason = _text(reason, "reason", "扣留原因", max_length=500)
    agreement, target = agreement_lock(agreement_id, "keep")
    held = agreement_held(agreement)
    if held <= 0:
        raise NotAllowedNow("该协议没有在押的押金。", code="nothing_held")
    if value > held:
        raise ValidationFailed("扣留金额不能超过在押押金。", fields={"amount": [f"最多 {held}"]})
    kept = _entry(None, agreement=agreement, kind=m.KEPT, amount=-value, receipt_no=receipt, user=user,
                  note=reason)
    rest = held - value
    if rest > 0:
        _entry(None, agreement=agreement, kind=m.REFUND, amount=-rest, receipt_no=receipt, user=user,
               note="退还协议押金")
    _move(agreement, target, action="keep", user=user, note=f"扣留 {value}，退还 {rest}（{receipt}）：{reason}")
    return kept


def agreement_term_ended(agreement: m.ServiceAgreement, now: datetime):
    """The services.agreement_end clock's handler (S-03/S-05): an active agreement whose last day (`ends_on`,
    a local date) has passed moves to ENDED through the table, with an event by no one (the system), in the
    engine's savepoint on the row it locked. The CS supervisor and the office manager are told; the cashier
    too while a deposit is held, to refund or keep it. The status is the row's marker: an ended agreement
    is no longer a row of the clock, so it is never ended or told twice (and the engine's key dedupes).
    Its end return visit was scheduled at signing (S-07, visits `agreement_visits_schedule`) and has its own
    clock: nothing about it here."""
    from core.clocks import Notice
    from core.permissions import CASHIER, CS_SUPERVISOR, OFFICE_DIRECTOR

    target = m.AGREEMENT_TRANSITIONS["end"].get(agreement.status)
    if target is None:  # ended or terminated meanwhile
        return None
    _move(agreement, target, action="end", user=None, note=f"协议期限 {agreement.ends_on:%Y-%m-%d} 已到")
    held = agreement_held(agreement)
    url = f"/services/agreements/{agreement.pk}/"
    title = f"服务协议已到期：{agreement.number} {agreement.item_name}"
    body = f"{agreement.name} {agreement.address}，期限至 {agreement.ends_on:%Y-%m-%d}"
    notices = [Notice(to=lambda members: members.users(members.with_roles(CS_SUPERVISOR, OFFICE_DIRECTOR)),
                      title=title, body=body, url=url)]
    if held > 0:
        deposit_title, deposit_body = _deposit_notice(agreement, held)
        notices.append(Notice(to=lambda members: members.users(members.with_roles(CASHIER)),
                              title=deposit_title, body=deposit_body, url=url,
                              key=f"{agreement_end_key(agreement)}:deposit"))
    return notices


def agreement_end_key(agreement: m.ServiceAgreement, threshold: str = "ended") -> str:
    """The dedupe key of the agreement's end notices `(schema, clock, row, term end, threshold)`."""
    from django.db import connection

    return f"{connection.schema_name}:services.agreement_end:{agreement.pk}@{agreement.ends_on:%Y%m%d}:{threshold}"
