"""Writes of an office's special services (S-02..S-05).

Every state change locks the booking, checks TRANSITIONS, writes a ServiceEvent. Money (S-05) is only
ever added as MoneyEntry rows by the cashier; a mistake is corrected by a reversing entry."""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from core import limits
from core.errors import Forbidden, NotAllowedNow, NotFound, ValidationFailed
from core.permissions import has_perm
from modules.services import models as m
from modules.services.catalog.selectors import (
    item_get,
    item_is_open,
    items_for_office,
    local_day,
    rate_in_force,
)
from modules.services.money import money


def _actor(user) -> str:
    if user is None:
        return ""
    return (getattr(user, "display_name", "") or getattr(user, "username", "") or str(user))[:64]


def _text(value, field: str, label: str, *, max_length: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationFailed(f"{label}必填。", fields={field: ["必填"]})
    if len(text) > max_length:
        raise ValidationFailed(f"{label}过长。", fields={field: [f"最多 {max_length} 字"]})
    return text


def _event(booking: m.Booking, *, action: str, user, from_state: str = "", to_state: str = "",
           note: str = "") -> None:
    m.ServiceEvent.objects.create(booking=booking, action=action, from_state=from_state, to_state=to_state,
                                  actor_id=getattr(user, "pk", None), actor_name=_actor(user), at=timezone.now(),
                                  note=note[:2000])


# --- S-01/S-02: what the office offers ------------------------------------------------------------------------
@transaction.atomic
def offer_set(*, item_id: int, active: bool, user) -> m.OfferedItem:
    """S-01: the office turns on (or off) an approved catalog item it may offer."""
    item = item_get(item_id=item_id)
    office_id = connection.tenant.pk
    if item is None or not items_for_office(office_id=office_id).filter(pk=item_id).exists():
        raise ValidationFailed("该服务项目不在本管理处可开展的目录中。", fields={"item_id": ["不可开展"]})
    if active and not item_is_open(item, day=local_day()):
        raise NotAllowedNow("该服务项目已停止。", fields={"item_id": ["已停止"]})
    offer, _ = m.OfferedItem.objects.select_for_update().update_or_create(
        item_id=item_id, defaults={"active": bool(active), "changed_at": timezone.now(),
                                   "changed_by_name": _actor(user)})
    return offer


# --- S-03: bookings ------------------------------------------------------------------------------------------
def _offered_item(item_id, *, at: datetime):
    """The item if this office offers it and it is open at `at`, else 409 (nothing is written)."""
    item = item_get(item_id=item_id) if isinstance(item_id, int) else None
    offered = item is not None and m.OfferedItem.objects.filter(item_id=item.pk, active=True).exists()
    if not offered or not item_is_open(item, day=local_day(at)):
        raise NotAllowedNow("本管理处没有开展该服务项目。", code="not_offered", fields={"item_id": ["本管理处未开展"]})
    return item


@transaction.atomic
def booking_create(*, user, channel: str, item_id: int, name: str, address: str, wanted_at: datetime,
                   phone: str = "", household_id: int | None = None, quantity="1", note: str = "",
                   contact_id: int | None = None, booked_at: datetime | None = None) -> m.Booking:
    """S-03: register a booking (name, address, item, wanted time) and freeze the quote from the rate version
    in force at booking time (S-08): a later rate change never rewrites it."""
    if channel not in dict(m.CHANNELS):
        raise ValidationFailed("来源无效。", fields={"channel": ["无效的选项"]})
    booked_at = booked_at or timezone.now()
    item = _offered_item(item_id, at=booked_at)
    rate = rate_in_force(item_id=item.pk, at=booked_at)
    if rate is None:
        raise NotAllowedNow("该服务项目尚无生效的收费标准。", code="not_offered", fields={"item_id": ["尚无收费标准"]})
    if wanted_at is None:
        raise ValidationFailed("期望服务时间必填。", fields={"wanted_at": ["必填"]})
    qty = money(quantity, field="quantity", allow_zero=False)
    if household_id is not None:
        from modules.residents.models import Household

        if not Household.objects.filter(pk=household_id).exists():
            raise ValidationFailed("住户不存在。", fields={"household_id": ["住户不存在"]})
    booking = m.Booking.objects.create(
        channel=channel, household_id=household_id, name=_text(name, "name", "住户姓名", max_length=64),
        phone=_text(phone, "phone", "电话", max_length=32, required=channel in ("phone", "online")),
        address=_text(address, "address", "地址", max_length=200), item_id=item.pk, item_name=item.name,
        item_unit=item.unit, rate_id=rate.pk, quote_price=rate.price, quote_deposit=rate.deposit, quantity=qty,
        wanted_at=wanted_at, booked_at=booked_at, note=_text(note, "note", "备注", max_length=2000, required=False),
        contact_id=contact_id, booked_by_name=_actor(user),
        # S-03: staff quote as they register; an online booking waits for the desk's quote
        quoted_at=None if channel == "online" else timezone.now(),
        quoted_by_name="" if channel == "online" else _actor(user))
    _event(booking, action="book", user=user, to_state=m.BOOKED, note=f"{rate.price} × {qty}")
    return booking


def _lock(booking_id: int, action: str) -> tuple[m.Booking, str]:
    booking = m.Booking.objects.select_for_update().filter(pk=booking_id).first()
    if booking is None:
        raise NotFound("预约不存在。")
    target = m.TRANSITIONS[action].get(booking.status)
    if target is None:
        raise NotAllowedNow("当前状态不能执行该操作。")
    return booking, target


def _move(booking: m.Booking, target: str, *, action: str, user, note: str = "") -> m.Booking:
    source = booking.status
    if target != source:
        booking.status = target
        booking.save(update_fields=["status"])
    _event(booking, action=action, user=user, from_state=source, to_state=target, note=note)
    return booking


@transaction.atomic
def booking_quote(*, booking_id: int, user, quantity=None, note: str = "") -> m.Booking:
    """S-03: the desk tells the resident the quote: the rate frozen when the booking was made (S-08: a later
    rate change never rewrites it) × the quantity agreed on the phone. An online booking waits for this step
    before the cashier takes money."""
    qty = money(quantity, field="quantity", required=False, allow_zero=False)
    note = _text(note, "note", "说明", max_length=500, required=False)
    booking, target = _lock(booking_id, "quote")
    if qty is not None:
        booking.quantity = qty
    booking.quoted_at, booking.quoted_by_name = timezone.now(), _actor(user)
    booking.save(update_fields=["quantity", "quoted_at", "quoted_by_name"])
    return _move(booking, target, action="quote", user=user,
                 note=f"{booking.quote_price} × {booking.quantity} = {booking.quote_amount} {note}".strip())


@transaction.atomic
def booking_cancel(*, booking_id: int, user, reason: str) -> m.Booking:
    booking, target = _lock(booking_id, "cancel")
    return _move(booking, target, action="cancel", user=user,
                 note=_text(reason, "reason", "取消原因", max_length=500))


# --- S-05: money only through the cashier -------------------------------------------------------------------
def _cashier_only(role: str | None) -> None:
    """S-05: no role but the cashier records money (seed 002 §4.3.1, §4.4.6)."""
    if not has_perm(role, "services.cashier"):
        raise Forbidden("只有收费员可以收款、结算。")


def _entry(booking, *, kind: str, amount, receipt_no: str, user, note: str = "", reverses=None,
           agreement=None) -> m.MoneyEntry:
    return m.MoneyEntry.objects.create(
        booking=booking, agreement=agreement, kind=kind, amount=amount, reverses=reverses, note=note[:500],
        receipt_no=_text(receipt_no, "receipt_no", "票据号", max_length=32), cashier_id=user.pk,
        cashier_name=_actor(user), at=timezone.now())


@transaction.atomic
def booking_deposit(*, booking_id: int, user, role: str, kind: str, amount, receipt_no: str) -> m.MoneyEntry:
    """S-05: the cashier takes a deposit or a prepayment, with its receipt number."""
    _cashier_only(role)
    if kind not in (m.DEPOSIT, m.PREPAYMENT):
        raise ValidationFailed("类型无效。", fields={"kind": ["须为押金或预交服务费"]})
    value = money(amount, field="amount", allow_zero=False)
    receipt = _text(receipt_no, "receipt_no", "票据号", max_length=32)
    booking, target = _lock(booking_id, "deposit")
    if booking.quoted_at is None:
        raise NotAllowedNow("客服尚未向住户报价，暂不能收款。", code="not_quoted")
    entry = _entry(booking, kind=kind, amount=value, receipt_no=receipt, user=user)
    _move(booking, target, action="deposit", user=user, note=f"{entry.get_kind_display()} {value} {receipt}")
    return entry


def booking_paid_in(booking: m.Booking) -> dict:
    """What the resident has paid so far, from the entries (never from a total kept on the booking)."""
    from django.db.models import Sum

    rows = dict(booking.money.values_list("kind").annotate(total=Sum("amount")).values_list("kind", "total"))
    return {kind: rows.get(kind) or 0 for kind, _ in m.MONEY_KINDS}


@transaction.atomic
def booking_settle(*, booking_id: int, user, role: str, amount, receipt_no: str, refund_deposit: bool = True,
                   note: str = "") -> m.Booking:
    """S-05: the cashier settles a checked job: the final amount; the deposit is refunded (a negative
    entry) or kept towards the amount."""
    _cashier_only(role)
    value = money(amount, field="amount")
    receipt = _text(receipt_no, "receipt_no", "票据号", max_length=32)
    booking, target = _lock(booking_id, "settle")
    paid = booking_paid_in(booking)
    deposit = (paid[m.DEPOSIT] or 0) + (paid[m.PREPAYMENT] or 0)
    if refund_deposit and paid[m.DEPOSIT]:
        _entry(booking, kind=m.REFUND, amount=-paid[m.DEPOSIT], receipt_no=receipt, user=user, note="退还押金")
        deposit -= paid[m.DEPOSIT]
    due = value - deposit
    _entry(booking, kind=m.SETTLEMENT, amount=due, receipt_no=receipt, user=user, note=note or f"结算 {value}")
    _move(booking, target, action="settle", user=user, note=f"{value} {receipt}")
    from modules.services.quality import booking_return_visit

    booking_return_visit(booking)  # S-07: handed to the return-visit engine, in this transaction
    return booking


@transaction.atomic
def money_reverse(*, entry_id: int, user, role: str, receipt_no: str, reason: str) -> m.MoneyEntry:
    """S-05: a mistaken entry is cancelled by a reversing entry of the opposite amount (never edited)."""
    _cashier_only(role)
    reason = _text(reason, "reason", "冲正原因", max_length=500)
    entry = m.MoneyEntry.objects.select_for_update().filter(pk=entry_id).first()
    if entry is None:
        raise NotFound("款项不存在。")
    if entry.kind == m.REVERSAL or hasattr(entry, "reversed_by"):
        raise NotAllowedNow("该款项已冲正或本身是冲正记录。")
    note = f"{entry.receipt_no} {entry.amount}: {reason}"
    if entry.agreement_id:  # an agreement's deposit (S-03)
        from modules.services.agreements import agreement_event, agreement_lock

        agreement, _ = agreement_lock(entry.agreement_id, "reverse")
        reversal = _entry(None, agreement=agreement, kind=m.REVERSAL, amount=-entry.amount, receipt_no=receipt_no,
                          user=user, note=reason, reverses=entry)
        agreement_event(agreement, action="reverse", user=user, note=note)
        return reversal
    booking, _ = _lock(entry.booking_id, "reverse")
    reversal = _entry(booking, kind=m.REVERSAL, amount=-entry.amount, receipt_no=receipt_no, user=user,
                      note=reason, reverses=entry)
    _event(booking, action="reverse", user=user, note=note)
    return reversal


# --- S-05: work done, the resident's confirmation, the supervisor's check -------------------------------------
@transaction.atomic
def booking_record_work(*, booking_id: int, user, worker_name: str, hours, description: str,
                        materials: list[dict] | None = None) -> m.WorkRecord:
    """S-05: the worker records the job: hours and materials with their prices. No field for a tip
    (seed 002 §4.4.6)."""
    worker = _text(worker_name, "worker_name", "服务人员", max_length=64)
    hours_value = money(hours, field="hours")
    text = _text(description, "description", "服务情况", max_length=2000)
    lines = []
    for index, row in enumerate((materials or [])[:50]):
        if not isinstance(row, dict):
            raise ValidationFailed("材料格式不对。", fields={"materials": [f"第 {index + 1} 行格式不对"]})
        lines.append((_text(row.get("name"), "materials", "材料名称", max_length=200),
                      money(row.get("quantity"), field="materials", allow_zero=False),
                      money(row.get("unit_price"), field="materials")))
    booking, target = _lock(booking_id, "record_work")
    work = m.WorkRecord.objects.create(booking=booking, worker_name=worker, hours=hours_value, description=text,
                                       done_at=timezone.now(), recorded_by_id=getattr(user, "pk", None))
    m.WorkMaterial.objects.bulk_create([m.WorkMaterial(work=work, name=n, quantity=q, unit_price=p)
                                        for n, q, p in lines])
    _move(booking, target, action="record_work", user=user, note=f"{worker} {hours_value}h")
    return work


@transaction.atomic
def booking_confirm(*, booking_id: int, user, signature_data_url: str) -> m.Booking:
    """S-05: the resident confirms the recorded work with a signature drawn on screen (as for C-12 replies)."""
    from modules.complaints.services import signature_from_data_url

    if not signature_data_url:
        raise ValidationFailed("须有住户签名。", fields={"signature": ["缺少住户签名"]})
    signature = signature_from_data_url(data_url=signature_data_url, user=user)
    booking, target = _lock(booking_id, "confirm")
    m.WorkRecord.objects.filter(booking=booking).update(signature=signature, confirmed_at=timezone.now())
    return _move(booking, target, action="confirm", user=user)


@transaction.atomic
def booking_check(*, booking_id: int, user, note: str = "") -> m.Booking:
    """S-05: the CS supervisor checks the signed record before the cashier settles."""
    note = _text(note, "note", "审核意见", max_length=500, required=False)
    booking, target = _lock(booking_id, "check")
    m.WorkRecord.objects.filter(booking=booking).update(checked_by_name=_actor(user), checked_at=timezone.now())
    return _move(booking, target, action="check", user=user, note=note)


# --- S-02: announcing what the office offers ------------------------------------------------------------------
@transaction.atomic
def offers_announce(*, user):
    """S-02 (seed 002 §4.2.1–4.2.2), F-06: the offered items and their rates in force (and any change already
    approved for a later date) become one published notice on the office's board, for every building, shown
    for the catalog's `service.notice_days`. One step: drafted and published in the same transaction."""
    from datetime import timedelta

    from modules.catalog.selectors import setting_value
    from modules.frontdesk.services.notices import NoticeInput, notice_create, notice_publish
    from modules.services.selectors import offered_items

    now = timezone.now()
    rows = offered_items(at=now)
    if not rows:
        raise NotAllowedNow("本管理处尚未开展特约服务项目，无可公告的内容。", code="nothing_offered")
    lines = []
    for row in rows:
        item, rate, upcoming = row["item"], row["rate"], row["upcoming"]
        line = f"{item.name}（{item.get_category_display()}）：{rate.price} 元/{item.get_unit_display()}"
        if rate.deposit:
            line += f"，押金/预交 {rate.deposit} 元"
        if upcoming is not None:
            line += f"；自 {upcoming.effective_from:%Y-%m-%d} 起 {upcoming.price} 元/{item.get_unit_display()}"
        if item.standard:
            line += f"。服务标准：{item.standard}"
        lines.append(line)
    body = ("本管理处开展以下特约服务，欢迎电话、前台或网上预约；也可订立长期服务协议。\n\n" + "\n".join(lines)
            + "\n\n费用请到管理处收银处缴纳，服务人员不收取现金、不接受馈赠。")
    days = int(setting_value("service.notice_days", at=now))
    starts = now + timedelta(minutes=1)  # F-06/M-01: published before it starts
    notice = notice_create(user=user, data=NoticeInput(kind="fee_report", title="特约服务项目及收费标准",
                                                       body=body[:limits.TEXT], starts_at=starts,
                                                       ends_at=starts + timedelta(days=max(days, 1)),
                                                       all_buildings=True))
    return notice_publish(notice_id=notice.pk, user=user, publish_at=now)
