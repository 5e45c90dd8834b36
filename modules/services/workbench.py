"""The special-services card of the office workbench (core/workbench.py), S-03..S-05: bookings waiting for
the desk's quote, jobs wanted today and overdue, money steps waiting for the cashier; each number links to
the bookings list filtered to the same rows (`selectors.DESK_FILTERS`)."""

from __future__ import annotations

from django.urls import reverse

from core.workbench import WorkbenchCard, workbench_card_register
from modules.services import selectors


def desk_card(request, now) -> dict:
    base = reverse("services:home")
    return {"counts": selectors.desk_counts(now=now),
            "links": {flag: f"{base}?flag={flag}#bookings" for flag in selectors.DESK_FILTERS}}


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="services.desk", tenant_type="office", perm="services.desk",
                                          template="services/workbench_desk.html", build=desk_card, order=40))
