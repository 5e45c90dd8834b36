"""投诉详情: timeline, next step and due time, and only the steps allowed now, each posting to its
action URL. A refused step (ApplicationError from the service) is shown on its form, never a 500."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import has_perm
from core.web import require_perm
from modules.catalog.selectors import setting_value
from modules.complaints import selectors
from modules.complaints.views.actions import action_get, actions_for, allowed_now, primary_action
from modules.complaints.views.common import (
    call_service,
    category_choices,
    complaint_for,
    remaining_label,
    staff_events,
)


def _page(request, complaint, *, bound=None, status=200):
    """The detail page; `bound` = (action name, bound form) when a posted step came back with errors."""
    role = request.membership.role
    forms = []
    for action in actions_for(role=role, complaint=complaint):
        if bound and bound[0] == action.name:
            forms.append((action, bound[1]))
        else:
            forms.append((action, action.make_form(tenant=request.tenant, role=role, complaint=complaint)))
    if bound and bound[0] not in {action.name for action, _form in forms}:
        forms.append((action_get(bound[0]), bound[1]))  # refused meanwhile: keep its error in view
    # issue 9 §3.5: the next step's form first and open; the rest folded under it
    primary = primary_action(complaint=complaint, offered=[action.name for action, _form in forms])
    snapshot = selectors.complaint_snapshot(complaint)
    context = {
        "complaint": complaint, "snap": snapshot, "action_forms": forms, "events": staff_events(snapshot),
        "primary_form": next(((a, f) for a, f in forms if a.name == primary), None),
        "other_forms": [(a, f) for a, f in forms if a.name != primary],
        "remaining": remaining_label(complaint.due_at, timezone.now()),
        "due_soon_minutes": setting_value("complaint.due_soon_minutes"),
        "category_label": dict(category_choices()).get(complaint.category, complaint.category),
        "attachments": complaint.attachments.all(), "referrals": complaint.referrals.all(),
        "replies": complaint.replies.all(), "reopened_as": complaint.reopened_as.all(),
        "open_action": bound[0] if bound else "",
        "other_open": bool(bound and bound[0] != primary),
    }
    return render(request, "complaints/detail.html", context, status=status)


@require_perm("complaints.view")
def detail_view(request, pk: int):
    return _page(request, complaint_for(request, pk))


@require_POST
@require_perm("complaints.view")
def action_view(request, pk: int, action: str):
    step = action_get(action)
    if step is None or not has_perm(request.membership.role, step.perm):
        raise Http404("no such step")
    complaint = complaint_for(request, pk)
    if not allowed_now(step, complaint):
        messages.warning(request, _("当前状态下不能执行“%(step)s”。") % {"step": step.label})
        return _back(request, complaint)
    form = step.make_form(tenant=request.tenant, role=request.membership.role, complaint=complaint,
                          data=request.POST, files=request.FILES)
    if form.is_valid():
        result = call_service(form, step.service_fn(), complaint_id=complaint.pk, user=request.user,
                              **step.kwargs(form))
        if not form.errors:
            messages.success(request, _("已完成：%(step)s") % {"step": step.label})
            if step.name == "reopen_dissatisfied":
                return redirect("complaints:detail", pk=result.pk)  # C-13: the new, linked complaint
            return _back(request, complaint)
    return _page(request, complaint_for(request, pk), bound=(step.name, form))


def _back(request, complaint):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("complaints:detail", pk=complaint.pk)
