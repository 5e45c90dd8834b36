"""The group administrators' console on the apex host (R-03)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.web import apply_error, require_perm
from modules.catalog.defaults import DEFAULTS, is_list_setting
from modules.catalog.forms import CalendarOverrideForm, OfficeForm, SettingForm, SettingListForm
from modules.catalog.selectors import (
    calendar_override_history,
    calendar_overrides,
    setting_detail,
    settings_overview,
)
from modules.catalog.services import (
    ListSettingInvalid,
    calendar_override_clear,
    calendar_override_set,
    setting_set,
)
from tenants.job_services import office_job_create
from tenants.models import OfficeJob, Tenant
from tenants.selectors import domains_of, office_job_get, office_jobs_recent, office_search, office_url_for

# the apex offices page: a page as long as the hq office search's (api/offices.py), so the page costs
# the same at 300 offices as at 5 (issue 8 goal 5)
OFFICES_PAGE = 20


@require_perm("tenants.manage")
def offices(request):
    """The offices, and the form that asks for a new one: checked here, created in the background."""
    form = OfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job, password = office_job_create(requested_by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            request.session[_password_key(job.pk)] = password  # shown once, on the finished job's page
            return redirect("catalog:office_job", job_id=job.pk)
    # paged and searchable by name or slug: the page stays flat in the number of offices (issue 8)
    q = request.GET.get("q", "").strip()[:128]
    tenants = office_search(q=q, offices_only=False).prefetch_related(None).values("pk", "name", "type", "kind")
    page = Paginator(tenants, OFFICES_PAGE).get_page(request.GET.get("page"))
    statuses = dict(OfficeJob.STATUSES)
    jobs = [{"pk": j.pk, "slug": j.slug, "name": j.name, "status": statuses.get(j.status, j.status),
             "created_at": j.created_at} for j in office_jobs_recent()]
    return render(request, "catalog/offices.html", {"form": form, "page": page, "q": q, "jobs": jobs,
                                                    "rows": _office_rows(page)})


def _password_key(job_id: int) -> str:
    return f"office_job_password:{job_id}"


@require_perm("tenants.manage")
def office_job(request, job_id: int):
    """An office job's progress (static/catalog/office_job.js polls the API and reloads at the end);
    finished, the link to the new office and, once, its director's one-time password."""
    job = office_job_get(job_id=job_id)
    if job is None:
        raise Http404("no such job")
    finished = job.status in (OfficeJob.DONE, OfficeJob.FAILED)
    password = request.session.pop(_password_key(job.pk), None) if finished else None
    office_url = office_url_for(request, job.tenant) if job.tenant else ""
    return render(request, "catalog/office_job.html", {
        "job": job, "finished": finished, "password": password if job.status == OfficeJob.DONE else None,
        "office_url": office_url, "status_label": dict(OfficeJob.STATUSES)[job.status]})


def _office_rows(page) -> list[dict]:
    """The page's rows as plain values (no model instances), their labels translated once per request
    and their domains read in one query, not once per row."""
    types, kinds = ({code: str(label) for code, label in choices}
                    for choices in (Tenant.TYPES, Tenant.KIND_CHOICES))
    domains = domains_of(tenant_ids=[t["pk"] for t in page])
    return [{"name": t["name"], "type": types.get(t["type"], t["type"]), "kind": kinds.get(t["kind"], t["kind"]),
             "domains": " ".join(domains[t["pk"]])} for t in page]


@require_perm("catalog.manage")
def settings_page(request):
    form = SettingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["value"]
        try:
            value = json.loads(raw)
        except ValueError:
            value = raw
        try:
            setting_set(key=form.cleaned_data["key"], value=value, note=form.cleaned_data["note"],
                        effective_from=form.cleaned_data["effective_from"], user=request.user)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("设置已保存"))
            return redirect("catalog:settings")
    return render(request, "catalog/settings.html", {"rows": settings_overview(), "form": form})


SPARE_ROWS = 3  # blank rows under a list, to add items without JavaScript


@require_perm("catalog.manage")
def setting_page(request, key: str):
    """One setting (S-08): its value in force, the form for a new version and every version so far (value,
    effective date, who, when). A list (C-02) is edited row by row (static/catalog/list_setting.js adds,
    removes and moves rows; without it, blank rows add and a tick removes)."""
    detail = setting_detail(key=key)
    if detail is None:
        raise Http404("no such setting")
    if is_list_setting(key):
        return _list_setting_page(request, detail)
    form = SettingForm(request.POST or None, initial={"key": key})
    if request.method == "POST" and form.is_valid():
        if _save_scalar(request, form, key=key):
            messages.success(request, _("设置已保存"))
            return redirect("catalog:setting", key=key)
    return render(request, "catalog/setting.html", {"s": detail, "form": form})


def _save_scalar(request, form, *, key: str) -> bool:
    raw = form.cleaned_data["value"]
    try:  # a text setting (C-01's phone numbers) is taken as typed, never read as a JSON number
        value = raw if isinstance(DEFAULTS[key]["value"], str) else json.loads(raw)
    except ValueError:
        value = raw
    try:
        setting_set(key=key, value=value, note=form.cleaned_data["note"],
                    effective_from=form.cleaned_data["effective_from"], user=request.user)
    except ApplicationError as exc:
        apply_error(form, exc)
        return False
    return True


def _list_setting_page(request, detail: dict):
    form = SettingListForm(request.POST or None)
    rows = [{"code": code, "name": name, "removed": False} for code, name in detail["value"]]
    if request.method == "POST":
        rows = form.posted_rows()
        if form.is_valid() and _save_list(request, form, rows, key=detail["key"]):
            messages.success(request, _("设置已保存"))
            return redirect("catalog:setting", key=detail["key"])
    rows += [{"code": "", "name": "", "removed": False} for _n in range(SPARE_ROWS)]
    return render(request, "catalog/setting.html", {"s": detail, "form": form, "rows": rows})


def _save_list(request, form, rows: list[dict], *, key: str) -> bool:
    """The rows kept (not ticked, not blank) as the list; an error goes on the row it is about, numbered
    as the page shows it (「第3行：…」)."""
    value, positions = [], []
    for number, row in enumerate(rows):
        if row["removed"] or not (row["code"] or row["name"].strip()):
            continue
        if row.get("too_long"):
            row["error"] = _("名称过长")
        value.append([row["code"], row["name"]])
        positions.append(number)
    if any(row.get("error") for row in rows):
        _row_errors(form, rows)
        return False
    try:
        setting_set(key=key, value=value, note=form.cleaned_data["note"],
                    effective_from=form.cleaned_data["effective_from"], user=request.user)
    except ListSettingInvalid as exc:
        for index, message in exc.rows.items():
            rows[positions[index]]["error"] = message
        _row_errors(form, rows)
        return False
    except ApplicationError as exc:
        apply_error(form, exc)
        return False
    return True


def _row_errors(form, rows: list[dict]) -> None:
    for number, row in enumerate(rows, start=1):
        if row.get("error"):
            form.add_error(None, _("第%(n)s行：%(error)s") % {"n": number, "error": row["error"]})


@require_perm("catalog.manage")
def calendar(request):
    """Set a date's decision or return it to the official calendar; every change is kept and shown."""
    form = CalendarOverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        if values["is_working_day"] is None:
            calendar_override_clear(day=values["date"], note=values["note"], user=request.user)
        else:
            calendar_override_set(day=values["date"], is_working_day=values["is_working_day"],
                                  note=values["note"], user=request.user)
        messages.success(request, _("日历已更新"))
        return redirect("catalog:calendar")
    return render(request, "catalog/calendar.html", {"form": form, "overrides": calendar_overrides(),
                                                     "history": calendar_override_history()[:200]})


@require_perm("catalog.manage")
def scoring_rules(request):
    """A-01/S-08: the scoring rules in force; a new rule or version from a date on (never the past)."""
    from modules.catalog.forms import ScoringRuleForm
    from modules.catalog.scoring import rules_in_force, scoring_rule_version_add

    form = ScoringRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["pay_deduction"] = data["pay_deduction"] or 0
        try:
            scoring_rule_version_add(user=request.user, **data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("计分规则已保存"))
            return redirect("catalog:scoring_rules")
    return render(request, "catalog/scoring_rules.html", {"rules": rules_in_force(), "form": form})
