"""The "visits due" card of the office workbench (core/workbench.py), V-05."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from core.workbench import WorkbenchCard, workbench_card_register
from modules.visits import selectors


def _queue(**params) -> str:
    return reverse("visits:queue") + ("?" + urlencode(params) if params else "")


def due_card(request, now) -> dict:
    counts = selectors.visit_counts(now=now)
    return {"counts": counts, "links": {"due": _queue(), "overdue": _queue(overdue=1),
                                        "due_today": _queue(due_today=1)}}


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="visits.due", tenant_type="office", perm="visits.view",
                                          template="visits/workbench_due.html", build=due_card, order=20))
