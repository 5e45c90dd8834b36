"""The monthly report card of the office workbench (core/workbench.py), C-18: last month's report, its
status and due day, for the director (one query)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from core.calendar import local
from core.workbench import WorkbenchCard, workbench_card_register
from modules.reports import deadlines, selectors


def report_card(request, now) -> dict:
    previous = deadlines.previous_month(local(now or timezone.now()).date())
    report = selectors.report_get_for_month(month=previous)
    return {"month": previous, "report": report, "due_on": report.due_on if report else deadlines.due_on(previous),
            "url": reverse("reports:detail", args=[report.pk]) if report else reverse("reports:list")}


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="reports.monthly", tenant_type="office", perm="reports.submit",
                                          template="reports/workbench_card.html", build=report_card, order=40))
