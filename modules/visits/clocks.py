"""The return-visit clock (V-05), declared to the core engine from `apps.ready()`: a visit not made by its
due time is overdue, reminded once (the marker `overdue_marked_at`)."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q

from core.clocks import Clock, Threshold, clock_register


def overdue_key(visit, threshold: str = "overdue") -> str:
    return f"{connection.schema_name}:visit:{visit.pk}:{threshold}"


def register() -> None:
    from modules.visits import models as m
    from modules.visits import services

    clock_register(Clock(
        name="visits.return_visit",
        rows=lambda: m.ReturnVisit.objects.filter(status=m.DUE, due_at__isnull=False),
        thresholds=(Threshold(name="overdue", passed=lambda now, lead: Q(due_at__lt=now),
                              pending=Q(overdue_marked_at__isnull=True),
                              handle=lambda row, now: services.visit_overdue_mark(row, now)),),
        key=lambda visit, threshold: overdue_key(visit, threshold),
    ))
