"""The complaint cards of the office workbench (core/workbench.py): a person's open complaints with
their countdowns (C-17), and for the director the office's figures of a month and the month before."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from django import forms
from django.urls import reverse

from core.dateinput import MonthField
from core.workbench import WorkbenchCard, remaining_label, workbench_card_register
from modules.complaints import models, selectors


def _queue(**params) -> str:
    return reverse("complaints:queue") + "?" + urlencode(params)


def mine_card(request, now) -> dict:
    """My open complaints (assigned to me) with countdowns; mine and the office's overdue and due today."""
    counts = selectors.complaint_workbench_counts(user_id=request.user.pk, now=now)
    rows = selectors.complaint_workbench_mine(user_id=request.user.pk, now=now)
    steps = dict(models.STEPS)
    return {
        "counts": counts,
        "rows": [{"c": c, "step": steps.get(c.next_step, ""), "remaining": remaining_label(c.due_at, now),
                  "late": c.step_overdue or bool(c.due_at and c.due_at < now)} for c in rows],
        "links": {"mine": _queue(mine=1), "mine_overdue": _queue(mine=1, overdue=1),
                  "mine_due_today": _queue(mine=1, due_today=1), "overdue": _queue(overdue=1),
                  "due_today": _queue(due_today=1)},
    }


class FiguresMonth(forms.Form):
    month = MonthField(required=False)


def figures_month(request, today: date) -> date:
    """The ?month= the director asked for, bounded to the current month and the date range; this month
    when absent or invalid."""
    form = FiguresMonth(request.GET)
    current = today.replace(day=1)
    chosen = form.cleaned_data.get("month") if form.is_valid() else None
    return min(chosen, current) if chosen else current


def _previous(first: date) -> date:
    return (first - timedelta(days=1)).replace(day=1)


def _month_figures(first: date, now) -> dict:
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    rate = selectors.complaint_on_time_rate(first, last, now=now)
    steps = dict(models.STEPS)
    key = first.strftime("%Y-%m")
    return {
        "month": first, "rate": rate,
        "percent": None if rate["rate"] is None else f"{rate['rate'] * 100:.1f}%",
        "total_url": _queue(deadline_month=key), "late_url": _queue(deadline_month=key, late=1),
        "by_step": [{"label": steps.get(r["next_step"], r["next_step"] or "—"), "count": r["count"],
                     "url": _queue(month=key, step=r["next_step"])}
                    for r in selectors.complaint_open_by_step(month=first)],
    }


def figures_card(request, now) -> dict:
    """C-17 for the director: on-time rate and open complaints by step, the chosen month and the one before."""
    from core.calendar import local

    today = local(now).date()
    month = figures_month(request, today)
    current = today.replace(day=1)
    later = (month + timedelta(days=32)).replace(day=1)
    return {
        "months": [_month_figures(month, now), _month_figures(_previous(month), now)],
        "prev": _previous(month).strftime("%Y-%m"),
        "next": later.strftime("%Y-%m") if later <= current else None,
        "chosen": month.strftime("%Y-%m"),
    }


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="complaints.mine", tenant_type="office", perm="complaints.view",
                                          template="complaints/workbench_mine.html", build=mine_card, order=10))
    workbench_card_register(WorkbenchCard(key="complaints.figures", tenant_type="office",
                                          perm="complaints.figures", template="complaints/workbench_figures.html",
                                          build=figures_card, order=90))
