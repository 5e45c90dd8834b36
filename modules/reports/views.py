"""Office pages of the monthly complaint report (C-18): the list, the director's page (narrative, notable
cases, refresh, submit, correct) and the printable 月报. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.calendar import local
from core.errors import ApplicationError, NotFound
from core.permissions import has_perm
from core.web import apply_error, error_message, require_perm
from modules.reports import deadlines, selectors, services
from modules.reports.forms import CorrectForm, ReportForm


def _report(pk: int):
    try:
        return selectors.report_get(pk=pk)
    except NotFound as exc:
        raise Http404("no such report") from exc


@require_perm("reports.view")
def list_view(request):
    previous = deadlines.previous_month(local(timezone.now()).date())
    reports = list(selectors.report_list()[:36])
    return render(request, "reports/list.html", {
        "reports": reports, "previous": previous,
        "can_draft": has_perm(request.membership.role, "reports.submit")
        and not any(r.month == previous for r in reports)})


@require_perm("reports.submit")
@require_POST
def draft_view(request):
    """The previous month's report drafted now (the beat of the 1st does it too; both are idempotent)."""
    report, _new = services.report_draft(month=deadlines.previous_month(local(timezone.now()).date()))
    return redirect("reports:detail", pk=report.pk)


def _detail(request, report, *, form=None, correct_form=None, status=200):
    can_submit = has_perm(request.membership.role, "reports.submit")
    candidates = selectors.notable_candidates(report=report) if report.editable else []
    return render(request, "reports/detail.html", {
        "report": report, "can_submit": can_submit, "events": selectors.report_events(report=report),
        "form": form or ReportForm(candidates=candidates, initial={
            "summary": report.summary, "analysis": report.analysis, "measures": report.measures,
            "complaint_ids": list(report.notable_ids)}),
        "correct_form": correct_form or CorrectForm(),
        "notable": selectors.notable_rows(ids=list(report.notable_ids))}, status=status)


@require_perm("reports.view")
def detail_view(request, pk: int):
    report = _report(pk)
    if request.method != "POST":
        return _detail(request, report)
    if not has_perm(request.membership.role, "reports.submit"):
        raise Http404("no such page")
    form = ReportForm(request.POST, candidates=selectors.notable_candidates(report=report))
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # saved, picked and submitted together, or none of it
                services.report_edit(user=request.user, report_id=pk, summary=data["summary"],
                                     analysis=data["analysis"], measures=data["measures"])
                services.report_notable_set(user=request.user, report_id=pk, complaint_ids=data["complaint_ids"])
                if request.POST.get("submit"):
                    services.report_submit(user=request.user, report_id=pk, office=request.tenant)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("已上报总部") if request.POST.get("submit") else _("已保存"))
            return redirect("reports:detail", pk=pk)
    return _detail(request, _report(pk), form=form, status=400)


@require_perm("reports.submit")
@require_POST
def refresh_view(request, pk: int):
    _report(pk)
    try:
        services.report_refresh(user=request.user, report_id=pk)
    except ApplicationError as exc:
        messages.error(request, error_message(exc))
    else:
        messages.success(request, _("已按最新数据重新统计"))
    return redirect("reports:detail", pk=pk)


@require_perm("reports.submit")
@require_POST
def correct_view(request, pk: int):
    report = _report(pk)
    form = CorrectForm(request.POST)
    if form.is_valid():
        try:
            services.report_correct(user=request.user, report_id=pk, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("已开始更正，修改后请重新上报"))
            return redirect("reports:detail", pk=pk)
    return _detail(request, report, correct_form=form, status=400)


@require_perm("reports.view")
def print_view(request, pk: int):
    """The printable 月报 as it would be (or was last) submitted."""
    report = _report(pk)
    snapshot = selectors.report_snapshot(report=report, office=request.tenant)
    if report.version:
        snapshot.update(version=report.version, submitted_at=report.submitted_at.isoformat() if report.submitted_at
                        else "", submitted_by=report.submitted_by_name)
    return render(request, "reports/print.html", {"report": report, "r": snapshot})
