"""Residents pages (P-01): list and search, detail, create, edit, roster import; JSON autocomplete."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.permissions import has_perm
from core.web import apply_error, require_perm
from modules.residents import selectors
from modules.residents.forms import (
    HouseholdSearchForm,
    ResidentCreateForm,
    ResidentEditForm,
    ResidentFilterForm,
    RosterUploadForm,
)
from modules.residents.services import (
    RESIDENT_FIELDS,
    XLSX_TYPE,
    resident_register,
    resident_update,
    roster_parse,
    roster_upload_store,
)
from modules.residents.services.roster_jobs import roster_job_create
from modules.residents.workbook_template import ROSTER_TEMPLATE_NAME, roster_template_bytes

PAGE_SIZE = 50
ROSTER_SESSION_KEY = "residents_roster_file"
JOB_ROWS_PAGE = 200  # rows of a job's result shown per page


def _can(request, perm: str) -> bool:
    return has_perm(request.membership.role, perm)


def _resident_or_404(pk: int):
    resident = selectors.resident_get(pk=pk)
    if resident is None:
        raise Http404("no such resident")
    return resident


@require_perm("residents.view")
def resident_list_view(request):
    form = ResidentFilterForm(request.GET or None, buildings=selectors.building_list())
    filters = form.cleaned_data if form.is_valid() else {}
    residents = selectors.resident_list(q=filters.get("q", ""), building_id=filters.get("building"),
                                        unit_number=filters.get("unit", ""), relation=filters.get("relation", ""))
    page = Paginator(residents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "residents/list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_edit": _can(request, "residents.edit"), "can_import": _can(request, "residents.import"),
    })


@require_perm("residents.view")
def resident_detail_view(request, pk: int):
    resident = _resident_or_404(pk)
    return render(request, "residents/detail.html", {
        "resident": resident,
        "members": selectors.household_members(household_id=resident.household_id),
        "events": selectors.resident_events(resident=resident)[:50],
        "can_edit": _can(request, "residents.edit"),
    })


@require_perm("residents.edit")
def resident_edit_view(request, pk: int):
    resident = _resident_or_404(pk)
    form = ResidentEditForm(request.POST or None, initial={f: getattr(resident, f) for f in RESIDENT_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            resident_update(resident_id=resident.pk, data=form.cleaned_data, user=request.user)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("住户信息已保存"))
            return redirect("residents:detail", pk=resident.pk)
    return render(request, "residents/edit.html", {"form": form, "resident": resident})


@require_perm("residents.edit")
def resident_create_view(request):
    form = ResidentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resident = resident_register(building_name=data["building"], user=request.user, **{
                k: v for k, v in data.items() if k != "building"})
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("已新增住户"))
            return redirect("residents:detail", pk=resident.pk)
    return render(request, "residents/edit.html", {"form": form, "resident": None})


@require_perm("residents.import")
def roster_import_view(request):
    """Upload → preview with row errors → confirm. The confirm step re-reads the kept file (by the id in
    this session), never a table posted back by the browser."""
    if request.method == "POST" and "confirm" in request.POST:
        return _roster_confirm(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    preview, stored = None, None
    if request.method == "POST" and form.is_valid():
        try:
            stored = roster_upload_store(upload=form.cleaned_data["file"], user=request.user)
            with stored.file.open("rb") as handle:
                preview = roster_parse(file=handle)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            request.session[ROSTER_SESSION_KEY] = str(stored.pk)
    return render(request, "residents/import.html", {"form": form, "preview": preview, "stored": stored,
                                                     "jobs": selectors.roster_jobs_recent()})


def _roster_confirm(request):
    """Queue the import of the kept file (issue 9 §3.8: never inside the request) and show its progress."""
    stored_id = request.session.get(ROSTER_SESSION_KEY)
    stored = selectors.roster_file_get(pk=stored_id) if stored_id == request.POST.get("roster") else None
    if stored is None:
        messages.error(request, _("找不到待导入的名册，请重新上传。"))
        return redirect("residents:import")
    job = roster_job_create(stored=stored, user=request.user)
    request.session.pop(ROSTER_SESSION_KEY, None)
    return redirect("residents:import-job", pk=job.pk)


@require_perm("residents.import")
def roster_job_view(request, pk: int):
    """An import job: its progress bar while it runs (static/residents/roster_job.js polls the API and
    reloads at the end), then its result row by row: imported, updated, rejected with the reason."""
    job = selectors.roster_job_get(pk=pk)
    if job is None:
        raise Http404("no such import job")
    progress = selectors.roster_job_progress(job=job)
    labels = {"created": _("新增"), "updated": _("更新"), "unchanged": _("无变化")}
    page = Paginator(job.outcomes, JOB_ROWS_PAGE).get_page(request.GET.get("page"))
    outcomes = [{"row": row, "action": labels.get(action, action), "what": what} for row, action, what in page]
    return render(request, "residents/import_job.html", {"job": job, "progress": progress, "outcomes": outcomes,
                                                         "page": page, "errors": job.errors[:JOB_ROWS_PAGE]})


@require_perm("residents.import")
def roster_template_view(request):
    """The roster template: the expected columns and one example row (imports as it is)."""
    response = HttpResponse(roster_template_bytes(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(ROSTER_TEMPLATE_NAME)}"
    return response


@require_perm("residents.view")
def households_search_view(request):
    """JSON for autocompletes (P-02): households by part of a unit, a name or a phone, with their residents."""
    form = HouseholdSearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    households = selectors.household_search(q=form.cleaned_data["q"])
    return JsonResponse({"results": [{
        "id": h.pk, "unit": h.unit.label, "name": h.name, "kind": h.kind,
        "residents": [{"id": r.pk, "name": r.name, "relation": r.relation, "phone": r.phone}
                      for r in h.active_residents],
    } for h in households]})
