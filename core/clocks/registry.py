"""The clocks a module declares (DESIGN.md "Clocks: one engine for every deadline").

A clock is a deadline kind: rows of one model whose step falls due at an indexed time field. Each of its
thresholds ("due soon", "overdue") has a marker on the row, so a row is handled once per threshold and
occurrence; the handler marks the row, writes its event and says who is told (a `Notice`). The engine
(core/clocks/engine.py) finds, locks, handles and notifies; a module never writes a sweep loop."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class Notice:
    """Who is told what about one row. `to` is a list of users, or a function of the tenant's member
    directory (core.clocks.members.Members, loaded once per office run) returning users. `key`
    overrides the engine's dedupe key `(schema, clock, row id, due time, threshold)`."""

    to: Callable | Iterable
    title: str
    body: str = ""
    url: str = ""
    key: str | None = None
    email: bool = True


@dataclass(frozen=True)
class Threshold:
    """One point on a row's clock. `pending` is the per-threshold marker not yet set for this occurrence;
    the threshold passes `lead_setting` minutes (a group catalog setting) before the due time, or at it
    when there is none; `passed(now, lead)` replaces that test when a row carries its own window (an SQL
    Q). `handle(row, now)` marks the row, writes its event and returns a Notice (or a list, or None)."""

    name: str
    pending: Q
    handle: Callable
    lead_setting: str | None = None
    passed: Callable[[datetime, timedelta], Q] | None = None


@dataclass(frozen=True)
class Clock:
    """`rows()` is the queryset of rows that can fall due (open ones); `due_field` is its indexed due
    time. Thresholds are listed earliest first; a row gets only the latest threshold it has passed.
    `tenant_type` is the tenant type whose schema holds the rows (office or hq)."""

    name: str
    rows: Callable[[], QuerySet]
    thresholds: tuple[Threshold, ...]
    due_field: str = "due_at"
    tenant_type: str = "office"
    key: Callable | None = None  # (row, threshold name) -> dedupe key, to keep a module's historic keys
    batch_size: int = 200

    def settings(self) -> set[str]:
        return {t.lead_setting for t in self.thresholds if t.lead_setting}

    def passed(self, threshold: Threshold, now: datetime, leads: dict) -> Q:
        lead = timedelta(minutes=int(leads[threshold.lead_setting])) if threshold.lead_setting else timedelta(0)
        if threshold.passed is not None:
            return threshold.passed(now, lead)
        return Q(**{f"{self.due_field}__lte": now + lead})

    def windows(self, now: datetime, leads: dict) -> list[tuple[Threshold, Q]]:
        """(threshold, rows at it now), the latest threshold first: passed it, not yet handled for it,
        not past a later one. `leads` holds the catalog values of the thresholds' settings."""
        found = []
        for index, threshold in enumerate(self.thresholds):
            q = (self.passed(threshold, now, leads) & threshold.pending
                 & Q(**{f"{self.due_field}__isnull": False}))
            for later in self.thresholds[index + 1:]:
                q &= ~self.passed(later, now, leads)
            found.append((threshold, q))
        return found[::-1]


_clocks: dict[str, Clock] = {}


def clock_register(clock: Clock) -> Clock:
    """Declare a clock (from a module's `AppConfig.ready()`). Declaring the same name again replaces
    it (Django may call ready() twice in tests)."""
    if not clock.thresholds:
        raise ValueError(f"clock {clock.name} has no threshold")
    _clocks[clock.name] = clock
    return clock


def clocks_for(*, tenant_type: str, names: Iterable[str] | None = None) -> list[Clock]:
    wanted = set(names) if names is not None else None
    return [c for c in _clocks.values() if c.tenant_type == tenant_type and (wanted is None or c.name in wanted)]


def clock_get(name: str) -> Clock:
    return _clocks[name]


def clocks_all() -> list[Clock]:
    return list(_clocks.values())
