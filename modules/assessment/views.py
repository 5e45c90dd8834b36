"""Assessment pages (A-01..A-04, C-20): findings, proposals, the monthly sheet and its print/.xlsx."""

from __future__ import annotations

import re
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.permissions import has_perm
from core.web import apply_error, error_message, require_perm
from modules.assessment import selectors, services
from modules.assessment.export import COLUMNS, sheet_rows, sheet_xlsx
from modules.assessment.forms import ConfirmForm, FindingForm, PraiseForm, RejectForm, SignForm
from modules.assessment.models import PROPOSAL_STATUSES, Sheet
from modules.catalog.models import LADDER_ACTIONS
from modules.catalog.scoring import rules_in_force


def _month(value: str | None) -> date:
    match = re.fullmatch(r"(\d{4})-(\d{2})", value or "")
    if match and 2000 <= int(match[1]) <= 2100 and 1 <= int(match[2]) <= 12:
        return date(int(match[1]), int(match[2]), 1)
    return timezone.localdate().replace(day=1)


def _people(request) -> list[tuple[int, str]]:
    from modules.people.selectors import people_of_tenant

    return [(m.user_id, m.user.display_name or m.user.username)
            for m in people_of_tenant(tenant=request.tenant).select_related("user")[:500]]


@require_perm("assessment.view")
def findings(request):
    """A-02: the month's findings and, for team leaders, the form that records one."""
    month = _month(request.GET.get("month"))
    rules = [(v.rule.code, f"{v.rule.code} {v.get_category_display()} {v.description}"
              f"（{v.points_min}–{v.points_max}）") for v in rules_in_force()]
    can_record = has_perm(request.membership.role, "assessment.record")
    form = FindingForm(request.POST or None, request.FILES or None, people=_people(request), rules=rules)
    if request.method == "POST":
        if not can_record:
            raise Http404("no such page")
        if form.is_valid():
            data = dict(form.cleaned_data)
            upload = data.pop("photo", None)
            try:
                from core.files.services import file_store

                photo = file_store(upload=upload, user=request.user, field="photo") if upload else None
                finding = services.finding_record(user=request.user, photo=photo, **data)
            except ApplicationError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("已记录：本月第 %(n)s 次") % {"n": finding.count_in_month})
                return redirect(f"{request.path}?month={month:%Y-%m}")
    step = request.GET.get("step", "")
    step = step if step in dict(LADDER_ACTIONS) else ""
    page = Paginator(selectors.finding_list(month=month, step=step), 50).get_page(request.GET.get("page"))
    return render(request, "assessment/findings.html", {"form": form if can_record else None, "page": page,
                                                         "month": month, "step": step,
                                                         "step_label": dict(LADDER_ACTIONS).get(step, ""),
                                                         "people": selectors.month_people(month=month)})


@require_perm("assessment.view")
def finding_detail(request, pk: int):
    finding = selectors.finding_get(finding_id=pk)
    if finding is None:
        raise Http404("no such finding")
    return render(request, "assessment/finding.html", {"f": finding, "events": selectors.events_of(finding)})


@require_perm("assessment.view")
def proposals(request):
    """A-04/C-20: proposals from events (pending first, the overdue among them first); the supervisor
    confirms within the range or rejects; a team leader writes down a resident's praise (a proposal)."""
    can_record = has_perm(request.membership.role, "assessment.record")
    praise = PraiseForm(request.POST if request.POST.get("action") == "praise" else None, people=_people(request))
    if request.method == "POST" and request.POST.get("action") == "praise":
        if not can_record:
            raise Http404("no such page")
        if praise.is_valid():
            try:
                services.praise_note_record(user=request.user, **praise.cleaned_data)
            except ApplicationError as exc:
                apply_error(praise, exc)
            else:
                messages.success(request, _("已记录表扬，待主管确认加分"))
                return redirect("assessment:proposals")
    elif request.method == "POST":
        if not has_perm(request.membership.role, "assessment.compile"):
            raise Http404("no such page")
        pk, action = request.POST.get("proposal", ""), request.POST.get("action")
        form = (ConfirmForm if action == "confirm" else RejectForm)(request.POST)
        if pk.isdigit() and action in ("confirm", "reject") and form.is_valid():
            try:
                if action == "confirm":
                    services.proposal_confirm(user=request.user, proposal_id=int(pk), **form.cleaned_data)
                else:
                    services.proposal_reject(user=request.user, proposal_id=int(pk), **form.cleaned_data)
            except ApplicationError as exc:
                messages.error(request, error_message(exc))
            else:
                messages.success(request, _("已处理"))
        else:
            messages.error(request, _("请检查填写的内容"))
        return redirect("assessment:proposals")
    status = request.GET.get("status", "")
    status = status if status in dict(PROPOSAL_STATUSES) else ""
    overdue = request.GET.get("overdue") == "1"
    page = Paginator(selectors.proposal_list(status=status, overdue=overdue), 50).get_page(request.GET.get("page"))
    return render(request, "assessment/proposals.html", {
        "page": page, "confirm": ConfirmForm(), "reject": RejectForm(), "praise": praise if can_record else None,
        "status": status, "overdue": overdue, "statuses": PROPOSAL_STATUSES},
        status=400 if praise.is_bound else 200)


@require_perm("assessment.view")
def sheets(request):
    """A-02: the office's monthly sheets, the oldest first; `?status=compiled` is what waits for the
    director's signature."""
    status = request.GET.get("status", "")
    status = status if status in dict(Sheet.STATUSES) else ""
    page = Paginator(selectors.sheet_list(status=status), 50).get_page(request.GET.get("page"))
    return render(request, "assessment/sheets.html", {"page": page, "status": status, "statuses": Sheet.STATUSES})


@require_perm("assessment.view")
def sheet(request, person_id: int, month: str):
    """A-02: the printable 客服人员考核表; compile (supervisor), sign (director), .xlsx."""
    month_date = _month(month)
    try:
        services.office_member(user_id=person_id)
    except ApplicationError:
        raise Http404("no such person") from None
    if request.method == "POST":
        action, role = request.POST.get("action"), request.membership.role
        perm = {"compile": "assessment.compile", "sign": "assessment.sign"}.get(action)
        if perm is None or not has_perm(role, perm):
            raise Http404("no such page")
        form = SignForm(request.POST)
        try:
            if action == "compile":
                services.sheet_compile(user=request.user, person_id=person_id, month=month_date)
            elif form.is_valid():
                services.sheet_sign(user=request.user, person_id=person_id, month=month_date, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, error_message(exc))
        return redirect(request.path)
    data = selectors.sheet_get(person_id=person_id, month=month_date)
    if request.GET.get("as") == "xlsx":
        return FileResponse(sheet_xlsx(data=data), as_attachment=True,
                            filename=f"assessment-{month_date:%Y-%m}-{person_id}.xlsx")
    role = request.membership.role
    return render(request, "assessment/sheet.html", {
        "d": data, "columns": COLUMNS, "rows": sheet_rows(data), "sign_form": SignForm(),
        "can_compile": has_perm(role, "assessment.compile"), "can_sign": has_perm(role, "assessment.sign")})
