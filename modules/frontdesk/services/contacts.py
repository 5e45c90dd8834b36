"""The visit/call register (F-01): one step records the contact and what it became."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.errors import ValidationFailed
from core.moments import is_in_future, is_too_far_back, too_far_back_message
from modules.frontdesk import integrations
from modules.frontdesk.models import Contact
from modules.frontdesk.models import desk as d
from modules.frontdesk.services.common import actor_name, check_phone, event_write, require_text
from modules.frontdesk.services.workorders import workorder_dispatch

# F-01 → D-06: the duty-log kind of each contact
DUTY_KIND = {d.TO_COMPLAINT: "complaint", d.TO_WORKORDER: "help"}


@dataclass(frozen=True)
class ContactInput:
    channel: str
    name: str
    phone: str
    request: str
    request_type: str
    outcome: str
    unit: str = ""
    household_id: int | None = None
    expectation: str = ""
    requested_reply_at: datetime | None = None
    received_at: datetime | None = None
    answer: str = ""
    department: str = ""
    service_item_id: int | None = None  # S-03: the offered item a service inquiry books


def _validate(data: ContactInput) -> None:
    if data.channel not in dict(d.CHANNELS):
        raise ValidationFailed("请选择来电或来访。", fields={"channel": ["无效选项"]})
    if data.request_type not in dict(d.REQUEST_TYPES):
        raise ValidationFailed("请选择诉求类别。", fields={"request_type": ["无效选项"]})
    if data.outcome not in dict(d.OUTCOMES):
        raise ValidationFailed("请选择处理方式。", fields={"outcome": ["无效选项"]})
    if data.outcome == d.ANSWERED and not (data.answer or "").strip():
        raise ValidationFailed("当场答复须填写答复内容。", fields={"answer": ["必填"]})
    if data.outcome == d.TO_WORKORDER and not data.department:
        raise ValidationFailed("派工单须选择责任部门。", fields={"department": ["必填"]})
    if data.household_id is None and not (data.unit or "").strip():
        raise ValidationFailed("请填写房号/单位或选择住户。", fields={"unit": ["必填"]})
    received_at = data.received_at or timezone.now()
    if is_in_future(received_at):
        raise ValidationFailed("登记时间不能晚于现在。", fields={"received_at": ["不能是将来的时间"]})
    if is_too_far_back(received_at):  # F-01: a typed-in registration time has a lower bound (group setting)
        message = too_far_back_message()
        raise ValidationFailed(message, fields={"received_at": [message]})
    if data.requested_reply_at is not None and data.requested_reply_at <= received_at:
        raise ValidationFailed("要求答复时间应晚于登记时间。", fields={"requested_reply_at": ["应晚于登记时间"]})


def _unit_and_household(data: ContactInput) -> tuple[str, int | None]:
    """The unit as written on the register and the household it belongs to: the one chosen, or — when
    the unit text is exactly a known unit (楼栋-房号) with one household in residence — that one."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Concat

    from modules.residents.models import Household

    text = (data.unit or "").strip()[:128]
    if data.household_id is None:
        matches = list(Household.objects.filter(is_active=True).annotate(label=Concat(
            "unit__building__name", Value("-"), "unit__number", output_field=CharField()),
        ).filter(label=text).values_list("pk", flat=True)[:2])
        return text, (matches[0] if len(matches) == 1 else None)
    household = Household.objects.select_related("unit__building").filter(pk=data.household_id).first()
    if household is None:
        raise ValidationFailed("住户不存在。", fields={"household_id": ["住户不存在"]})
    return text or household.unit.label, household.pk


@transaction.atomic
def contact_register(*, user, data: ContactInput) -> Contact:
    """F-01: record the contact and, in the same transaction, turn it into a complaint (keeping the
    complaint number), a work order (F-02), a service inquiry, or an answer on the spot; the contact
    also goes to the duty log (D-06)."""
    _validate(data)
    unit, household_id = _unit_and_household(data)
    contact = Contact.objects.create(
        channel=data.channel, unit=unit, household_id=household_id,
        name=require_text(data.name, "name", "客户姓名", max_length=64),
        phone=check_phone(data.phone, required=data.channel == d.PHONE),
        request=require_text(data.request, "request", "客户诉求"), expectation=(data.expectation or "").strip(),
        requested_reply_at=data.requested_reply_at, request_type=data.request_type,
        received_at=data.received_at or timezone.now(), outcome=data.outcome,
        answer=(data.answer or "").strip(), received_by_id=getattr(user, "pk", None),
        received_by_name=actor_name(user),
    )
    _convert(contact, user=user, department=data.department, service_item_id=data.service_item_id)
    event_write(entity="contact", entity_id=contact.pk, action="register", user=user, to_state=contact.outcome,
                note=contact.result_number, at=contact.received_at)
    _duty_log(contact, user=user)
    return contact


def _duty_log(contact: Contact, *, user) -> None:
    """D-06: one line per event. A contact that became a complaint already has the complaint's line
    (written by complaint_register): that line is linked to the contact, no second line is written."""
    if contact.result_type == "complaint":
        integrations.duty_log_link(complaint_id=contact.result_id, contact=contact)
        return
    linked = contact.result_type == "workorder"
    integrations.duty_log(
        kind=DUTY_KIND.get(contact.outcome, "inquiry"), occurred_at=contact.received_at, user=user,
        content=f"{contact.get_channel_display()} {contact.unit} {contact.name}：{contact.request}",
        source_type="contact", source_id=contact.pk, source_number=contact.number,
        link_type="workorder" if linked else "", link_id=contact.result_id if linked else None,
        link_number=contact.result_number if linked else "",
    )


def _convert(contact: Contact, *, user, department: str, service_item_id: int | None = None) -> None:
    if contact.outcome == d.TO_COMPLAINT:
        complaint = integrations.complaint_from_contact(contact=contact, user=user)
        contact.result_type, contact.result_id, contact.result_number = "complaint", complaint.id, complaint.number
    elif contact.outcome == d.TO_WORKORDER:
        order = workorder_dispatch(
            user=user, department=department, content=contact.request, location=contact.unit,
            household_id=contact.household_id, source_type="contact", source_id=contact.pk,
            dispatched_at=contact.received_at,
        )
        contact.result_type, contact.result_id, contact.result_number = "workorder", order.pk, order.number
    elif contact.outcome == d.TO_SERVICE:
        # F-01 → S-03: naming an offered item, the inquiry becomes a booking and keeps the booking's number
        booking = integrations.booking_from_contact(contact=contact, user=user, item_id=service_item_id)
        if booking is not None:
            contact.result_type, contact.result_id, contact.result_number = "booking", booking.pk, booking.number
        else:
            contact.result_type, contact.result_number = "service", contact.number
    else:
        return
    contact.save(update_fields=["result_type", "result_id", "result_number"])
