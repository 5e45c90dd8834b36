"""F-05 inspection rounds: start, findings (each a work order), submit, the supervisor's review."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.permissions import has_perm
from core.web import require_perm
from modules.frontdesk.forms import FindingForm, InspectionStartForm, ReviewForm, SubmitForm
from modules.frontdesk.models import inspections as ins
from modules.frontdesk.selectors import events_of, inspection_get, inspection_list, inspections_to_review
from modules.frontdesk.services import (
    inspection_finding_add,
    inspection_review,
    inspection_start,
    inspection_submit,
)
from modules.frontdesk.views.common import act, get_or_404, kept_form, page_of, submit


@require_perm("frontdesk.view")
def inspections(request):
    role = request.membership.role
    can_register = has_perm(role, "frontdesk.register")
    form = InspectionStartForm(request.POST or None)
    if can_register:
        done = submit(request, form, lambda data: inspection_start(user=request.user, **data),
                      success=_("已开始巡查"), to=lambda r: reverse("frontdesk:inspection", args=[r.pk]))
        if done:
            return done
    return render(request, "frontdesk/inspections.html", {
        "form": form if can_register else None, "page": page_of(request, inspection_list()),
        "can_review": has_perm(role, "frontdesk.review")})


@require_perm("frontdesk.view")
def inspection_detail(request, pk: int):
    round_ = get_or_404(inspection_get, pk=pk)
    role = request.membership.role
    can_register = has_perm(role, "frontdesk.register") and round_.status == ins.OPEN
    labels = dict(ins.CHECKLIST)
    return render(request, "frontdesk/inspection_detail.html", {
        "round": round_, "events": events_of(entity="inspection", entity_id=round_.pk),
        "checklist": [(labels[key], value) for key, value in round_.checklist.items() if key in labels],
        "finding_form": kept_form(request, FindingForm) if can_register else None,
        "submit_form": kept_form(request, SubmitForm) if can_register else None,
        "review_form": kept_form(request, ReviewForm) if has_perm(role, "frontdesk.review") and round_.status == ins.SUBMITTED
        else None})


@require_perm("frontdesk.register")
def inspection_finding(request, pk: int):
    return act(request, FindingForm(request.POST), lambda data: inspection_finding_add(
        round_id=pk, user=request.user, **data), success=_("已记录问题并派单"),
        back=reverse("frontdesk:inspection", args=[pk]))


@require_perm("frontdesk.register")
def inspection_submit_view(request, pk: int):
    return act(request, SubmitForm(request.POST), lambda data: inspection_submit(
        round_id=pk, user=request.user, **data), success=_("巡查已提交"), back=reverse("frontdesk:inspection", args=[pk]))


@require_perm("frontdesk.review")
def inspection_review_queue(request):
    return render(request, "frontdesk/inspection_review.html", {
        "rounds": inspections_to_review(), "form": ReviewForm()})


@require_perm("frontdesk.review")
def inspection_review_view(request, pk: int):
    return act(request, ReviewForm(request.POST), lambda data: inspection_review(
        round_id=pk, user=request.user, **data), success=_("已审核"), back=reverse("frontdesk:inspection-review"))
