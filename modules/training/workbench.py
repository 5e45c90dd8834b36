"""The training card of the office workbench (core/workbench.py), A-05: plans due, sessions this week, exams
not yet held; each number links to the list that gives the same rows."""

from __future__ import annotations

from django.urls import reverse

from core.workbench import WorkbenchCard, workbench_card_register
from modules.training import selectors


def training_card(request, now) -> dict:
    return {"counts": selectors.workbench_counts(now=now),
            "links": {"plans": reverse("training:plans") + "?due=1", "sessions": reverse("training:sessions") + "?week=1",
                      "exams": reverse("training:exams") + "?open=1"}}


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="training.due", tenant_type="office", perm="training.view",
                                          template="training/workbench_card.html", build=training_card, order=40))
