"""The assessment cards of the office workbench (core/workbench.py): the supervisor's proposals to decide,
the month's findings and the sheets to compile (A-02, A-04); the director's sheets to sign and dismissal
reviews (A-01, A-02). Every number links to the list that gives the same rows."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from core.permissions import has_perm
from core.workbench import WorkbenchCard, remaining_label, workbench_card_register
from modules.assessment import selectors


def _url(name: str, **params) -> str:
    return reverse(f"assessment:{name}") + ("?" + urlencode(params) if params else "")


def supervisor_card(request, now) -> dict | None:
    if has_perm(request.membership.role, "assessment.sign"):
        return None  # the director's own card says what waits for them
    d = selectors.supervisor_todo(now=now)
    last = f"{d['last_month']:%Y-%m}"
    rows = [{"p": p, "remaining": remaining_label(p.due_at, now)} for p in d["first"]]
    return {**d, "rows": rows, "links": {"pending": _url("proposals", status="pending"),
                           "overdue": _url("proposals", overdue=1),
                           "findings": _url("findings", month=f"{d['this_month']:%Y-%m}"),
                           "sheets": _url("findings", month=last) + "#sheets"}}


def director_card(request, now) -> dict:
    d = selectors.director_todo(now=now)
    step = "dismissal_review"
    return {**d, "links": {"to_sign": _url("sheets", status="compiled"),
                           "reviews_this": _url("findings", month=f"{d['this_month']:%Y-%m}", step=step),
                           "reviews_last": _url("findings", month=f"{d['last_month']:%Y-%m}", step=step)}}


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="assessment.supervisor", tenant_type="office",
                                          perm="assessment.compile", template="assessment/workbench_supervisor.html",
                                          build=supervisor_card, order=40))
    workbench_card_register(WorkbenchCard(key="assessment.director", tenant_type="office", perm="assessment.sign",
                                          template="assessment/workbench_director.html", build=director_card,
                                          order=40))
