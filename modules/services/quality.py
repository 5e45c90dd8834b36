"""S-07: special services get return visits. A settled job is handed to the return-visit engine
(modules/visits `visit_schedule`), sampled at the catalog's rate in force at settlement
(`service.return_visit_sample_percent`, S-08: the rate and the draw are stored on the visit row, never
re-drawn); a complaint raised on the visit follows the complaint rules there. Evaluations per worker and
per subcontractor are read in selectors.py (`evaluations_by_worker`, `evaluations_by_subcontractor`)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from modules.catalog.selectors import setting_value
from modules.services import models as m


def booking_return_visit(booking: m.Booking):
    """Called by `booking_settle` inside its transaction: once per job (the engine keeps one row per source)."""
    from modules.visits.models import SERVICE
    from modules.visits.services import Source, visit_schedule

    settled = timezone.now()
    percent = int(setting_value("service.return_visit_sample_percent", at=settled))
    days = int(setting_value("service.return_visit_days", at=settled))
    return visit_schedule(source=Source(
        kind=SERVICE, id=booking.pk, number=booking.number, summary=f"{booking.item_name} {booking.address}"[:200],
        household_id=booking.household_id, contact_name=booking.name, contact_phone=booking.phone),
        due_at=settled + timedelta(days=days), sample_percent=percent)
