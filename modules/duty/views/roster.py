"""The monthly roster (D-01), printable; shifts and posts settings; leave and swaps (D-03)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.web import apply_error, require_perm
from modules.duty import selectors, shifts
from modules.duty.forms import AssignmentForm, DecisionForm, PostForm, RequestForm, ShiftForm
from modules.duty.services import requests as request_svc
from modules.duty.services import roster as roster_svc
from modules.duty.views.common import attempt, can, must, query_period, run


def _today():
    return shifts.local_date(timezone.now())


@require_perm("duty.view")
def roster_view(request):
    query = query_period(request)
    month = query["month"] or _today().replace(day=1)
    form = AssignmentForm(request.POST or None) if can(request, "duty.roster") else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            roster_svc.roster_fill(user=request.user, shift_id=data["shift"].pk, person_id=data["person"],
                                   start=data["date"], end=data["until"] or data["date"])
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect(f"{request.path}?month={month:%Y-%m}")
    grid = selectors.roster_month(month=month)
    context = {**grid, "form": form, "prev": shifts.month_start(month.replace(day=1) - timedelta(days=1)),
               "next": shifts.next_month(month), "print": query["print"] == "1"}
    return render(request, "duty/roster.html", context, status=400 if form and form.errors else 200)


@require_perm("duty.roster")
@require_POST
def assignment_withdraw_view(request, pk: int):
    run(request, roster_svc.assignment_withdraw, _("排班已撤销"), assignment_id=pk, note=request.POST.get("note", ""))
    return redirect("duty:roster")


@require_perm("duty.roster")
def settings_view(request):
    """D-01: shift templates and posts with their handover checklist, editable per office."""
    shift_form, post_form = ShiftForm(prefix="shift"), PostForm(prefix="post")
    if request.method == "POST" and "shift-code" in request.POST:
        shift_form = ShiftForm(request.POST, prefix="shift")
        if shift_form.is_valid() and _save_shift(request, shift_form):
            return redirect("duty:settings")
    elif request.method == "POST":
        post_form = PostForm(request.POST, prefix="post")
        if post_form.is_valid() and _save_post(request, post_form):
            return redirect("duty:settings")
    return render(request, "duty/settings.html", {
        "shift_list": selectors.shift_template_list(), "post_list": selectors.post_list(),
        "shift_form": shift_form, "post_form": post_form})


def _save_shift(request, form) -> bool:
    data = form.cleaned_data
    try:
        roster_svc.shift_template_save(
            user=request.user, code=data["code"], name=data["name"],
            start=data["start"], end=data["end"], post_id=data["post"].pk if data["post"] else None,
            keeps_log=data["keeps_log"], is_active=data["is_active"], order=data["order"])
    except ApplicationError as exc:
        apply_error(form, exc)
        return False
    return True


def _save_post(request, form) -> bool:
    data = form.cleaned_data
    try:
        roster_svc.post_save(user=request.user, name=data["name"],
                             checklist=data["checklist"].splitlines(), is_active=data["is_active"])
    except ApplicationError as exc:
        apply_error(form, exc)
        return False
    return True


@require_perm("duty.view")
def requests_view(request):
    return _render_requests(request)


def _render_requests(request, *, typed=None, deciding: int | None = None, status: int = 200):
    """D-03: my shifts and requests; the supervisor's approvals. A refused form comes back as typed
    (`typed` for a request, the decision form of request `deciding`)."""
    context = {"mine": selectors.requests_of(user=request.user),
               "assignments": selectors.my_assignments(user=request.user, since=_today()),
               "swap_candidates": selectors.swap_candidates(user=request.user, since=_today()),
               "request_form": RequestForm(), "can_approve": can(request, "duty.approve"),
               "typed": typed or {}, "typed_assignment": str((typed or {}).get("assignment", ""))}
    if context["can_approve"]:
        context["pending"] = [(r, DecisionForm(request.POST if r.pk == deciding else None, prefix=f"r{r.pk}"))
                              for r in selectors.requests_pending()]
    return render(request, "duty/requests.html", context, status=status)


@require_perm("duty.view")
@require_POST
def request_create_view(request):
    form = RequestForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"assignment": 0, "kind": "", "reason": "", "swap_with": None}
    _done, refused = attempt(request, request_svc.duty_request_create, assignment_id=data["assignment"],
                             kind=data["kind"], reason=data["reason"], swap_with_id=data["swap_with"])
    if refused:
        return _render_requests(request, typed=request.POST, status=refused)
    messages.success(request, _("申请已提交，等待主管审批"))
    return redirect("duty:requests")


@require_perm("duty.approve")
@require_POST
def request_decide_view(request, pk: int):
    must(selectors.request_get(pk=pk))
    form = DecisionForm(request.POST, prefix=f"r{pk}")
    form.is_valid()
    data = form.cleaned_data
    approve = request.POST.get("decision") == "approve"
    _done, refused = attempt(request, request_svc.duty_request_decide, request_id=pk, approve=approve,
                             substitute_id=data.get("substitute"), note=data.get("note", ""))
    if refused:
        return _render_requests(request, deciding=pk, status=refused)
    messages.success(request, _("已批准") if approve else _("已拒绝"))
    return redirect("duty:requests")


@require_perm("duty.view")
@require_POST
def request_withdraw_view(request, pk: int):
    run(request, request_svc.duty_request_withdraw, _("申请已撤回"), request_id=pk)
    return redirect("duty:requests")
