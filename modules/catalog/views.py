"""The group administrators' console on the apex host (R-03)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.web import apply_error, require_perm
from modules.catalog.forms import CalendarOverrideForm, OfficeForm, SettingForm
from modules.catalog.selectors import calendar_override_history, calendar_overrides, settings_overview
from modules.catalog.services import calendar_override_clear, calendar_override_set, setting_set
from tenants.models import Tenant
from tenants.selectors import domains_of, office_search
from tenants.services import office_create

# the apex offices page: a page as long as the hq office search's (api/offices.py), so the page costs
# the same at 300 offices as at 5 (issue 8 goal 5)
OFFICES_PAGE = 20


@require_perm("tenants.manage")
def offices(request):
    form = OfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tenant = office_create(**form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("已创建管理处：%(name)s") % {"name": tenant.name})
            return redirect("catalog:offices")
    # paged and searchable by name or slug: the page stays flat in the number of offices (issue 8)
    q = request.GET.get("q", "").strip()[:128]
    tenants = office_search(q=q, offices_only=False).prefetch_related(None).values("pk", "name", "type", "kind")
    page = Paginator(tenants, OFFICES_PAGE).get_page(request.GET.get("page"))
    return render(request, "catalog/offices.html", {"form": form, "page": page, "q": q,
                                                    "rows": _office_rows(page)})


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
