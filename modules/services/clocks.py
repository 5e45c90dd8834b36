"""The special-services clocks, declared to the core engine from `apps.ready()`.

- services.booking (S-03/S-04): a booking whose wanted time has passed while the job is not done (booked or
  paid, no work recorded) is overdue, told once (the marker `overdue_marked_at`) to the CS center and the
  department or its supervisor.
- services.agreement_end (S-03/S-05): an active agreement whose last day (`ends_on`, an Asia/Shanghai date)
  has passed ends by itself, told once to the CS supervisor and the office manager, and to the cashier while
  a deposit is held (agreements.agreement_term_ended; the status is the marker)."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q

from core.clocks import Clock, Notice, Threshold, clock_register


def overdue_key(booking, threshold: str = "overdue") -> str:
    return f"{connection.schema_name}:service-booking:{booking.pk}:{threshold}"


def booking_overdue_mark(booking, now):
    """The clock's handler: the marker, an event, and who is told (CS supervisors and staff, plus the
    department the job was sent to)."""
    from django.utils import timezone

    from core.permissions import CS_STAFF, CS_SUPERVISOR
    from modules.services.services import _event

    booking.overdue_marked_at = now
    booking.save(update_fields=["overdue_marked_at"])
    wanted = timezone.localtime(booking.wanted_at)
    _event(booking, action="overdue", user=None, from_state=booking.status, to_state=booking.status,
           note=f"期望 {wanted:%Y-%m-%d %H:%M} 服务，尚未完工")
    roles = [CS_SUPERVISOR, CS_STAFF] + ([booking.department] if booking.department else [])
    return Notice(to=lambda members: members.users(members.with_roles(*roles)),
                  title=f"特约服务已超时：{booking.number} {booking.item_name}",
                  body=f"{booking.name} {booking.address}，期望 {wanted:%m-%d %H:%M}", url=f"/services/bookings/{booking.pk}/")


def _term_passed(now, lead) -> Q:
    """The agreement's last day is before today's local date (Asia/Shanghai): its term has run out."""
    from modules.services.catalog.selectors import local_day

    return Q(ends_on__lt=local_day(now))


def register() -> None:
    from modules.services import agreements
    from modules.services import models as m

    clock_register(Clock(
        name="services.booking",
        rows=lambda: m.Booking.objects.filter(status__in=(m.BOOKED, m.PAID)),
        due_field="wanted_at",
        thresholds=(Threshold(name="overdue", passed=lambda now, lead: Q(wanted_at__lt=now),
                              pending=Q(overdue_marked_at__isnull=True), handle=booking_overdue_mark),),
        key=lambda booking, threshold: overdue_key(booking, threshold),
    ))
    clock_register(Clock(
        name="services.agreement_end",
        rows=lambda: m.ServiceAgreement.objects.filter(status=m.ACTIVE),
        due_field="ends_on",
        thresholds=(Threshold(name="ended", passed=_term_passed, pending=Q(status=m.ACTIVE),
                              handle=lambda row, now: agreements.agreement_term_ended(row, now)),),
        key=lambda agreement, threshold: agreements.agreement_end_key(agreement, threshold),
    ))
