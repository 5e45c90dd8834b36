"""投诉队列: the office's open complaints by due time, with a countdown (C-17)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from core.permissions import has_perm
from core.web import require_perm
from modules.catalog.selectors import setting_value
from modules.complaints import models, selectors
from modules.complaints.forms import QueueFilterForm
from modules.complaints.views.common import assignee_choices, building_choices, remaining_label

PAGE_SIZE = 50


def _filters(form: QueueFilterForm, user) -> dict:
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("mine"):  # the workbench's "mine": assigned to me (C-04)
        data["assignee"] = str(user.pk)
    return {
        "status": data.get("status") or None,
        "classification": data.get("classification") or None,
        "building_id": int(data["building"]) if data.get("building") else None,
        "assignee_id": int(data["assignee"]) if data.get("assignee") else None,
        "overdue": True if data.get("overdue") else None,
        "due_today": bool(data.get("due_today")),
        "next_step": data.get("step") or "",
        "received_month": data.get("month"),
        "deadline_month": data.get("deadline_month"),
        "late": {"1": True, "0": False}.get(data.get("late") or ""),
        "household_id": data.get("household"),
    }


@require_perm("complaints.view")
def queue_view(request):
    form = QueueFilterForm(request.GET or None, statuses=models.STATUSES, classes=models.CLASSIFICATIONS,
                           buildings=building_choices(), assignees=assignee_choices(request.tenant),
                           steps=models.STEPS)
    filters = _filters(form, request.user)
    # open ones unless a status or a month's on-time count (which includes closed ones) is asked for
    # and one household's complaints are all of them (P-02: the unit history's link)
    rows = selectors.complaint_list(**filters, open_only=not (filters["deadline_month"] or filters["household_id"]))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    items = [{"c": c, "remaining": remaining_label(c.due_at, now)} for c in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "complaints/queue.html", {
        "form": form, "page": page, "items": items, "query": query.urlencode(),
        "due_soon_minutes": setting_value("complaint.due_soon_minutes"),
        "can_register": has_perm(request.membership.role, "complaints.register"),
        "can_spot_check": has_perm(request.membership.role, "complaints.spot_check"),
        "on_time": _month_on_time(now),
    })


def _month_on_time(now) -> dict:
    """C-17: this month's on-time rate, for the header (percent ready to show)."""
    today = timezone.localdate(now)
    rate = selectors.complaint_on_time_rate(today.replace(day=1), today, now=now)
    return {**rate, "percent": None if rate["rate"] is None else f"{rate['rate'] * 100:.1f}%"}
