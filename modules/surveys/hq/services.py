"""Head office receives an office's survey counts (V-03, V-04). Called only by tenants/bridge.py, in the
hq schema, inside the bridge's transaction."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from modules.surveys.hq.models import OfficeWaveResult


def office_result_receive(*, office, wave_id: int, counts: dict, counted_at: datetime) -> OfficeWaveResult:
    """Upsert the office's counts of the wave; a push counted before the one already kept changes
    nothing (pushes may arrive out of order: the task after an answer and the periodic resend)."""
    row = OfficeWaveResult.objects.select_for_update().filter(wave_id=wave_id, office_id=office.pk).first()
    if row is not None and row.counted_at >= counted_at:
        return row
    values = {"office_slug": office.slug, "office_name": office.name[:128],
              "respondents": int(counts.get("respondents") or 0), "questions": counts.get("questions") or {},
              "by_answer": counts.get("by_answer") or {}, "counted_at": counted_at, "received_at": timezone.now()}
    if row is None:
        return OfficeWaveResult.objects.create(wave_id=wave_id, office_id=office.pk, **values)
    for key, value in values.items():
        setattr(row, key, value)
    row.save()
    return row
