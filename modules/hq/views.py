"""Pages of the head-office complaint center (hq host only): inbox, case, register, forward, follow-up."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.permissions import has_perm
from core.web import apply_error, require_perm
from modules.hq import selectors, services
from modules.hq.forms import (
    AssignForm,
    FollowUpForm,
    ForwardForm,
    HqComplaintForm,
    InboxFilterForm,
    InstructionForm,
)
from modules.hq.models import HqComplaint
from modules.hq.templatetags.hq_labels import status_label
from tenants import bridge
from tenants.selectors import office_list


def _refused(request, form, exc: ApplicationError) -> bool:
    """A service said no: 404 stays 404; a step not allowed now (409) is a page message and the caller
    redirects (True); bad input is shown on the form (False)."""
    if exc.status == 404:
        raise Http404 from exc
    if exc.status == 409:
        messages.error(request, exc.message)
        return True
    apply_error(form, exc)
    return False


@require_perm("hq.inbox")
def inbox(request):
    # the office sent its status names in its own language at sync time; name them in the reader's
    statuses = [(code, status_label(code) if code != status_label(code) else label)
                for code, label in selectors.case_statuses()]
    form = InboxFilterForm(request.GET or None, statuses=statuses)
    form.fields["office"].widget.attrs["data-search-url"] = reverse("api-hq-offices")  # hq/office_search.js
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    if filters.pop("mine", False):  # the cases assigned to me
        filters["assignee_id"] = request.user.pk
    if filters.get("office") and not selectors.office_get(slug=filters["office"]):
        filters["office_text"] = filters.pop("office")  # not a slug: text in an office's name or slug
    # one row per matter (issue 9): a case escalated by several offices, or several times, is one row
    groups = selectors.case_groups(selectors.case_list(**{k: v for k, v in filters.items() if v}))
    page = Paginator(groups, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "hq/inbox.html", {"form": form, "page": page, "rows": selectors.case_group_rows(page),
                                             "query": query.urlencode()})


def _case_page(request, pk: int, form=None, assign_form=None):
    """The case with only the steps this role may take: instruct (hq.instruct), and for the management
    representative the handling opinion with the assignment to a quality manager (hq.assign, C-11)."""
    case = selectors.case_get(pk=pk)
    if case is None:
        raise Http404
    role = request.membership.role
    can_assign = has_perm(role, "hq.assign")
    managers = selectors.quality_managers(hq=request.tenant) if can_assign else []
    return render(request, "hq/case.html", {
        "case": case, "snap": case.snapshot, "events": case.events.all(),
        "same_matter": selectors.case_same_matter(case),
        "form": (form or InstructionForm()) if has_perm(role, "hq.instruct") else None,
        "assign_form": (assign_form or AssignForm(managers=managers)) if can_assign else None,
    })


@require_perm("hq.inbox")
def case(request, pk: int):
    return _case_page(request, pk)


@require_perm("hq.instruct")
@require_POST
def case_instruct(request, pk: int):
    form = InstructionForm(request.POST)
    if form.is_valid():
        try:
            bridge.hq_instruction_to_office(case_id=pk, text=form.cleaned_data["text"], by_user=request.user)
        except ApplicationError as exc:
            if _refused(request, form, exc):
                return redirect("hq:case", pk=pk)
        else:
            messages.success(request, _("指示已发送至管理处"))
            return redirect("hq:case", pk=pk)
    return _case_page(request, pk, form=form)


@require_perm("hq.assign")
@require_POST
def case_assign(request, pk: int):
    """C-11/R-02: the management representative's opinion, and the quality manager who handles the case."""
    form = AssignForm(request.POST, managers=selectors.quality_managers(hq=request.tenant))
    if form.is_valid():
        try:
            bridge.hq_case_assign(case_id=pk, by_user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            if _refused(request, form, exc):
                return redirect("hq:case", pk=pk)
        else:
            messages.success(request, _("已指派，处理意见已发送至管理处"))
            return redirect("hq:case", pk=pk)
    return _case_page(request, pk, assign_form=form)


@require_perm("hq.register")
def register(request):
    form = HqComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.hq_complaint_register(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("已登记：%(number)s") % {"number": item.number})
            return redirect("hq:complaint", pk=item.pk)
    return render(request, "hq/register.html", {"form": form})


@require_perm("hq.inbox")
def complaints(request):
    status, overdue = request.GET.get("status", ""), request.GET.get("overdue", "")
    awaiting, due_today = request.GET.get("awaiting", ""), request.GET.get("due_today", "")
    try:
        items = selectors.hq_complaint_list(status=status, overdue=overdue, awaiting=awaiting, due_today=due_today)
    except ApplicationError:
        items = selectors.hq_complaint_list()
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "hq/complaints.html", {"page": page, "status": status, "overdue": overdue,
                                                   "awaiting": awaiting, "due_today": due_today,
                                                   "query": query.urlencode(), "statuses": HqComplaint.STATUSES})


def _complaint_page(request, pk: int, forward_form=None, follow_form=None):
    item = selectors.hq_complaint_get(pk=pk)
    if item is None:
        raise Http404
    role = request.membership.role
    forward_form = (forward_form or ForwardForm()) if has_perm(role, "hq.register") else None
    if forward_form:
        forward_form.fields["office"].widget.attrs["data-search-url"] = reverse("api-hq-offices")
    return render(request, "hq/complaint.html", {
        "item": item, "events": item.events.all(), "forward_form": forward_form,
        "follow_form": (follow_form or FollowUpForm()) if has_perm(role, "hq.follow_up") else None,
    })


@require_perm("hq.inbox")
def complaint(request, pk: int):
    return _complaint_page(request, pk)


@require_perm("hq.register")
@require_POST
def complaint_forward(request, pk: int):
    form = ForwardForm(request.POST)
    if form.is_valid():
        office = office_list().filter(slug=form.cleaned_data["office"]).first()
        try:
            number = bridge.hq_complaint_forward_to_office(hq_complaint_id=pk, office=office,
                                                           by_user=request.user)
        except ApplicationError as exc:
            if _refused(request, form, exc):
                return redirect("hq:complaint", pk=pk)
        else:
            messages.success(request, _("已转办，管理处编号：%(number)s") % {"number": number})
            return redirect("hq:complaint", pk=pk)
    return _complaint_page(request, pk, forward_form=form)


@require_perm("hq.follow_up")
@require_POST
def complaint_follow_up(request, pk: int):
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.hq_complaint_follow_up(user=request.user, complaint_id=pk, note=form.cleaned_data["note"])
        except ApplicationError as exc:
            if _refused(request, form, exc):
                return redirect("hq:complaint", pk=pk)
        else:
            messages.success(request, _("跟进已记录"))
            return redirect("hq:complaint", pk=pk)
    return _complaint_page(request, pk, follow_form=form)
