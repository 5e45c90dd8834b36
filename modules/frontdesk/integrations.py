"""The front desk's calls into modules written by others: the duty log (D-06) and complaints (C-*).

Imports happen inside the functions so each module can be loaded on its own."""

from __future__ import annotations

from datetime import datetime

from core.errors import ValidationFailed

# complaint_register's field names → the contact form's
_FIELD_OF = {"complainant_phone": "phone", "complainant_name": "name", "content": "request",
             "received_at": "received_at", "requested_reply_at": "requested_reply_at",
             "household_id": "household_id"}
# F-02 request type → C-02 complaint category
_CATEGORY_OF = {"repair": "repairs", "fees": "fees", "decoration": "decoration"}


def duty_log(*, kind: str, content: str, source_type: str, source_id: int, occurred_at: datetime,
             user=None, source_number: str = "", link_type: str = "", link_id: int | None = None,
             link_number: str = "") -> None:
    """F-01/F-05 → D-06: a linked entry in the duty log of the shift running at `occurred_at`, naming
    its record by number (and the second record of the same event, if any)."""
    from modules.duty.hooks import duty_log_auto_entry

    duty_log_auto_entry(kind=kind, content=content[:500], source_type=source_type, source_id=source_id,
                        occurred_at=occurred_at, user=user, source_number=source_number, link_type=link_type,
                        link_id=link_id, link_number=link_number)


def duty_log_link(*, complaint_id: int, contact) -> None:
    """F-01 → D-06: a contact that became a complaint is the complaint's line in the log, linked to the
    contact too: one event, one line."""
    from modules.duty.hooks import duty_log_link as link

    link(source_type="complaint", source_id=complaint_id, link_type="contact", link_id=contact.pk,
         link_number=contact.number)


def complaint_from_contact(*, contact, user):
    """F-01: the contact becomes a complaint; returns the Complaint (it has .id and .number)."""
    from modules.complaints.services import complaint_register

    try:
        return complaint_register(
            user=user, channel=contact.channel, content=contact.request, complainant_name=contact.name,
            complainant_phone=contact.phone, household_id=contact.household_id,
            category=_CATEGORY_OF.get(contact.request_type, "other"), expectation=contact.expectation,
            requested_reply_at=contact.requested_reply_at, received_at=contact.received_at,
            source_type="contact", source_id=contact.pk, unit_text=contact.unit,
        )
    except ValidationFailed as exc:
        fields = {_FIELD_OF.get(name, name): msgs for name, msgs in (exc.fields or {}).items()}
        raise ValidationFailed(exc.message, fields=fields) from exc


def booking_from_contact(*, contact, user, item_id: int | None):
    """F-01 → S-03: a service inquiry naming an offered item becomes a special-service booking; returns the
    Booking (it has .pk and .number), or None when no item is named (it stays an inquiry)."""
    if not item_id:
        return None
    from modules.services.services import booking_create

    return booking_create(user=user, channel="contact", item_id=item_id, name=contact.name, phone=contact.phone,
                          address=contact.unit or "-", household_id=contact.household_id,
                          wanted_at=contact.requested_reply_at or contact.received_at,
                          note=contact.request[:2000], contact_id=contact.pk, booked_at=contact.received_at)
