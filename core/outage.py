"""Remembering, per process, that Redis (cache or broker) is unreachable (issue 7 §1.1).

A paused Redis costs a request its socket timeout on every call. After one failure a `Backoff` skips
the service for `REDIS_OUTAGE_BACKOFF_SECONDS` (10 s by default), so a request pays at most one
timeout per service and period; what was skipped is caught up by its own fallback (the throttle lets
the resident through, the outbox keeps the e-mail for `outbox_flush`)."""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

_registry: list[Backoff] = []


class Backoff:
    def __init__(self, name: str):
        self.name = name
        self._until = 0.0
        self._lock = threading.Lock()
        _registry.append(self)

    def active(self) -> bool:
        """True while the service is skipped after a failure."""
        return time.monotonic() < self._until

    def trip(self, exc: BaseException) -> None:
        """Skip the service for the back-off period; one warning per outage, not per call."""
        seconds = float(getattr(settings, "REDIS_OUTAGE_BACKOFF_SECONDS", 10.0))
        with self._lock:
            first = not self.active()
            self._until = time.monotonic() + seconds
        if first:
            logger.warning("%s unreachable (%s: %s); skipped for %.0f s", self.name,
                           exc.__class__.__name__, exc, seconds)

    def reset(self) -> None:
        self._until = 0.0


def reset_all() -> None:
    """Forget every outage (tests, and nothing else)."""
    for backoff in _registry:
        backoff.reset()
