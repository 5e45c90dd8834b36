"""The head-office workbench card (core/workbench.py): the inbox counts, the forwarded complaints whose
result is due (C-16), the offices with overdue escalated cases (C-17). Only hq's own tables: the
snapshots and rows the bridge delivered (tenants/bridge.py), never an office schema."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from core.workbench import WorkbenchCard, workbench_card_register
from modules.hq import selectors


def _url(name: str, **params) -> str:
    return reverse(name) + "?" + urlencode(params)


def center_card(request, now) -> dict:
    return {
        "cases": selectors.case_inbox_counts(now=now),
        "results": selectors.hq_complaint_result_counts(now=now),
        "offices": [{**row, "url": _url("hq:inbox", office=row["office_slug"], overdue="yes")}
                    for row in selectors.offices_with_overdue_cases(now=now)],
        "links": {
            "new": _url("hq:inbox", open_only="yes", assigned="no"),
            "in_progress": _url("hq:inbox", open_only="yes", assigned="yes"),
            "overdue": _url("hq:inbox", overdue="yes"),
            "mine": _url("hq:inbox", mine="on"),
            "awaiting": _url("hq:complaints", awaiting="yes"),
            "due_today": _url("hq:complaints", awaiting="yes", due_today="yes"),
            "results_overdue": _url("hq:complaints", awaiting="yes", overdue="yes"),
        },
    }


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="hq.center", tenant_type="hq", perm="hq.inbox",
                                          template="hq/workbench_center.html", build=center_card, order=10))
