"""Head-office pages of the monthly complaint report (C-18): who submitted a month's report and who is
late, each frozen version (printable), and the consolidated report with charts and its .xlsx. They read
only modules.reports.hq tables (selectors), never an office schema."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendar import local
from core.errors import NotFound
from core.web import require_perm
from modules.reports import deadlines
from modules.reports.forms import MonthForm
from modules.reports.hq import models as m
from modules.reports.hq import selectors

OVERVIEW_PAGE, CONSOLIDATED_PAGE = 50, 20


def _month(request) -> tuple[MonthForm, object]:
    form = MonthForm(request.GET or None)
    month = form.cleaned_data.get("month") if form.is_valid() else None
    return form, month or deadlines.previous_month(local(timezone.now()).date())


@require_perm("hq.reports")
def overview_view(request):
    form, month = _month(request)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    qs = selectors.month_offices(month=month, status=data.get("status") or "", q=data.get("q") or "")
    page = Paginator(qs, OVERVIEW_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports_hq/overview.html", {
        "form": form, "month": month, "counts": selectors.month_counts(month=month), "page": page,
        "months": selectors.months_known(), "query": query.urlencode(), "due_on": deadlines.due_on(month)})


@require_perm("hq.reports")
def consolidated_view(request):
    form, month = _month(request)
    data = selectors.consolidated(month=month)
    charts = [  # drawn by static reports/charts.js when ECharts is there; the tables below stay either way
        {"id": "chart-category", "title": _("投诉类别"), "kind": "bar",
         "rows": [[r["label"], r["count"]] for r in data["by_category"]]},
        {"id": "chart-channel", "title": _("投诉渠道"), "kind": "pie",
         "rows": [[r["label"], r["count"]] for r in data["by_channel"]]},
        {"id": "chart-class", "title": _("投诉分类"), "kind": "pie",
         "rows": [[r["label"], r["count"]] for r in data["by_class"]]},
    ]
    return render(request, "reports_hq/consolidated.html", {"form": form, "month": month, "d": data, "charts": charts})


@require_perm("hq.reports")
def consolidated_offices_view(request):
    """The consolidated report's lines per office, 20 a page (the group page stays the same size whatever the
    number of offices)."""
    form, month = _month(request)
    page = Paginator(selectors.month_offices(month=month), CONSOLIDATED_PAGE).get_page(request.GET.get("page"))
    return render(request, "reports_hq/consolidated_offices.html", {
        "form": form, "month": month, "page": page, "rows": selectors.office_rows(expectations=list(page))})


@require_perm("hq.reports")
def consolidated_xlsx_view(request):
    from modules.reports.export import consolidated_xlsx

    _form, month = _month(request)
    expectations = list(selectors.month_offices(month=month))
    handle = consolidated_xlsx(data=selectors.consolidated(month=month),
                               offices=selectors.office_rows(expectations=expectations),
                               status_labels={k: str(v) for k, v in m.STATUSES})
    return FileResponse(handle, as_attachment=True, filename=f"complaint-report-{month:%Y-%m}.xlsx",
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@require_perm("hq.reports")
def submitted_view(request, pk: int):
    try:
        report = selectors.submitted_get(pk=pk)
    except NotFound as exc:
        raise Http404("no such report") from exc
    return render(request, "reports_hq/submitted.html", {
        "report": report, "r": report.snapshot, "versions": selectors.submitted_versions(report=report)})
