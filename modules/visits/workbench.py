"""The office workbench cards (core/workbench.py): return visits due (V-05) and this period's resident
visits (V-02)."""

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


def plan_card(request, now) -> dict | None:
    """V-02: the current plan's progress and the person's own households still to visit (hidden without
    a current plan)."""
    from core.calendar import local

    figures = selectors.current_plan_figures(today=local(now).date(), user_id=request.user.pk)
    if figures is None:
        return None
    url = reverse("visits:plan", kwargs={"pk": figures["plan"].pk})
    return {**figures, "links": {"plan": url, "mine": f"{url}?{urlencode({'staff': request.user.pk})}"}}


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="visits.due", tenant_type="office", perm="visits.view",
                                          template="visits/workbench_due.html", build=due_card, order=20))
    workbench_card_register(WorkbenchCard(key="visits.plan", tenant_type="office", perm="visits.handle",
                                          template="visits/workbench_plan.html", build=plan_card, order=21))
