"""F-02 work orders: the queue (each department its own), dispatch, and each order's steps."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import has_perm
from core.web import require_perm
from modules.frontdesk.filters import WorkOrderFilter
from modules.frontdesk.forms import StepForm, WorkOrderForm
from modules.frontdesk.models import work as wo
from modules.frontdesk.selectors import (
    events_of,
    workorder_actions_available,
    workorder_get_for_user,
    workorder_queue,
)
from modules.frontdesk.services import workorder_dispatch, workorder_transition
from modules.frontdesk.views.common import act, get_or_404, page_of, role_of, submit, typed
from modules.frontdesk.workorder_rules import STEP_NEEDS

STEP_LABELS = {"accept": gettext_lazy("接单"), "done": gettext_lazy("完成"), "verify": gettext_lazy("验证通过"),
               "reject": gettext_lazy("验证不通过（返工）"), "cancel": gettext_lazy("取消工单")}


@require_perm("frontdesk.view")
def workorders(request):
    role = role_of(request)
    can_dispatch = has_perm(role, "frontdesk.register")
    form = WorkOrderForm(request.POST or None)
    if can_dispatch:
        done = submit(request, form, lambda data: workorder_dispatch(user=request.user, **data),
                      success=_("已派单"), to=lambda o: reverse("frontdesk:workorder", args=[o.pk]))
        if done:
            return done
    search = WorkOrderFilter(request.GET)
    params = search.values()
    queue = workorder_queue(role=role, status=params["status"], department=params["department"],
                            overdue=params["overdue"] == "1", open_only=params["open"] == "1",
                            due_today=params["today"] == "1")
    return render(request, "frontdesk/workorders.html", {
        "form": form if can_dispatch else None, "page": page_of(request, queue), "now": timezone.now(),
        "statuses": wo.STATUSES, "departments": wo.DEPARTMENTS, "params": params, "filter": search,
        "is_department": role in dict(wo.DEPARTMENTS)}, status=400 if search.errors else 200)


# issue 9 §3.12: the steps that cannot be undone ask first (data-confirm, core/app.js)
STEP_CONFIRMS = {"cancel": gettext_lazy("取消后工单不能恢复，确定取消工单吗？"),
                 "verify": gettext_lazy("验证通过后工单即关闭，确定吗？")}


def _steps_for(order, role: str) -> list[dict]:
    """The buttons this user may press on this order now: selectors.workorder_actions_available."""
    return [{"step": step, "label": STEP_LABELS[step], "needs": STEP_NEEDS.get(step, ""),
             "confirm": STEP_CONFIRMS.get(step, "")}
            for step in workorder_actions_available(order=order, role=role)]


@require_perm("frontdesk.view")
def workorder_detail(request, pk: int):
    order = get_or_404(workorder_get_for_user, pk=pk, role=role_of(request))
    return render(request, "frontdesk/workorder_detail.html", {
        "order": order, "events": events_of(entity="workorder", entity_id=order.pk), "now": timezone.now(),
        "steps": _steps_for(order, role_of(request)), "typed": typed(request, StepForm)})


@require_perm("frontdesk.work")
def workorder_step(request, pk: int, step: str):
    if step not in STEP_LABELS:
        from django.http import Http404

        raise Http404("no such step")
    return act(request, StepForm(request.POST), lambda data: workorder_transition(
        work_order_id=pk, action=step, user=request.user, role=role_of(request), **data),
        success=_("已%(step)s") % {"step": STEP_LABELS[step]}, back=reverse("frontdesk:workorder", args=[pk]))
