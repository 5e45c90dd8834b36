"""Small checks on the moments staff type in (registration, contact and log times)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

# a browser or a desk PC whose clock runs a little ahead is not "in the future"
CLOCK_SKEW = timedelta(minutes=5)


def is_in_future(moment: datetime, *, now: datetime | None = None) -> bool:
    return moment > (now or timezone.now()) + CLOCK_SKEW
