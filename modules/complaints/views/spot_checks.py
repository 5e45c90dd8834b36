"""投诉抽查 (C-19): the director lists a period's complaints and marks records checked with a finding.
Marking posts to the complaint's `spot_check` action, which calls the service."""

from __future__ import annotations

from datetime import timedelta

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from core.web import require_perm
from modules.complaints import selectors
from modules.complaints.forms import PeriodForm
from modules.complaints.views.actions import action_get

PAGE_SIZE = 30


def last_month() -> tuple:
    """C-19: the period the director checks by default — last month, first to last day."""
    end = timezone.localdate().replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _period(form: PeriodForm):
    start, end = last_month()
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return start, end


@require_perm("complaints.spot_check")
def spot_checks_view(request):
    start, end = last_month()
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    start, end = _period(form)
    page = Paginator(selectors.complaints_for_spot_check(start=start, end=end), PAGE_SIZE).get_page(
        request.GET.get("page"))
    step = action_get("spot_check")
    rows = [{"c": c, "form": step.make_form(tenant=request.tenant)} for c in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "complaints/spot_checks.html", {
        "period": form, "rows": rows, "page": page, "query": query.urlencode(),
    })
