"""The front-desk cards of the office workbench (core/workbench.py): the role's open work orders with
their countdowns (F-02) and the missed calls not called back (F-03)."""

from __future__ import annotations

from django.urls import reverse

from core.workbench import WorkbenchCard, remaining_label, workbench_card_register
from modules.frontdesk import selectors


def workorders_card(request, now) -> dict:
    role = request.membership.role
    base = reverse("frontdesk:workorders")
    orders = selectors.workorder_workbench_list(role=role)
    return {
        "counts": selectors.workorder_workbench_counts(role=role, now=now),
        "rows": [{"o": o, "remaining": remaining_label(o.due_at, now), "late": o.due_at < now} for o in orders],
        "links": {"open": f"{base}?open=1", "overdue": f"{base}?overdue=1", "due_today": f"{base}?today=1"},
    }


def missed_calls_card(request, now) -> dict:
    return {"count": selectors.missed_call_open_count(), "rows": selectors.missed_call_oldest(),
            "link": reverse("frontdesk:calls")}  # the calls page lists the calls not called back by default


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="frontdesk.workorders", tenant_type="office", perm="frontdesk.view",
                                          template="frontdesk/workbench_workorders.html", build=workorders_card,
                                          order=20))
    workbench_card_register(WorkbenchCard(key="frontdesk.missed_calls", tenant_type="office",
                                          perm="frontdesk.register", template="frontdesk/workbench_calls.html",
                                          build=missed_calls_card, order=30))
