"""The service-job clock (S-03/S-04), declared to the core engine from `apps.ready()`: a booking whose wanted
time has passed while the job is not done (booked or paid, no work recorded) is overdue, told once (the
marker `overdue_marked_at`) to the CS center and the department or its supervisor."""

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


def register() -> None:
    from modules.services import models as m

    clock_register(Clock(
        name="services.booking",
        rows=lambda: m.Booking.objects.filter(status__in=(m.BOOKED, m.PAID)),
        due_field="wanted_at",
        thresholds=(Threshold(name="overdue", passed=lambda now, lead: Q(wanted_at__lt=now),
                              pending=Q(overdue_marked_at__isnull=True), handle=booking_overdue_mark),),
        key=lambda booking, threshold: overdue_key(booking, threshold),
    ))
