"""Pages of long-term service agreements 特约服务协议 (S-03, S-05, S-07): the list with the form to draw one
up, and an agreement's page: its steps for the user's role and its service file 服务档案 (every job under it).
Thin: each step calls a service; an error lands on its form with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.permissions import has_perm
from core.web import require_perm
from modules.services import agreements, forms, selectors, services
from modules.services import models as m
from modules.services.views import call

STEPS = {  # step → (form, permission)
    "deposit": (forms.AgreementDepositForm, "services.cashier"),
    "sign": (forms.ConfirmForm, "services.book"),
    "job": (forms.AgreementJobForm, "services.book"),
    "close": (forms.AgreementCloseForm, "services.check"),
    "cancel": (forms.AgreementCancelForm, "services.book"),
    "refund": (forms.AgreementRefundForm, "services.cashier"),
    "keep": (forms.AgreementKeepForm, "services.cashier"),
    "reverse": (forms.ReverseForm, "services.cashier"),
}
STATES = {"deposit": "deposit", "sign": "sign", "job": "job", "close": "end", "cancel": "cancel",
          "refund": "refund", "keep": "keep", "reverse": "reverse"}


@require_perm("services.view")
def agreement_list(request):
    can_create = has_perm(request.membership.role, "services.book")
    items = selectors.offered_items()
    form = forms.AgreementForm(request.POST or None, items=items) if can_create else None
    if request.method == "POST" and not can_create:
        raise Http404("no such page")
    if form is not None and form.is_bound and form.is_valid():
        created = call(form, agreements.agreement_create, user=request.user, **form.cleaned_data)
        if created is not None:
            messages.success(request, _("已登记服务协议 %(number)s，请住户签名") % {"number": created.number})
            return redirect("services:agreement", pk=created.pk)
    status = request.GET.get("status", "")
    status = status if status in dict(m.AGREEMENT_STATUSES) else ""
    page = Paginator(selectors.agreement_list(status=status), 25).get_page(request.GET.get("page"))
    return render(request, "services/agreements.html", {"form": form, "page": page, "status": status,
                                                        "statuses": m.AGREEMENT_STATUSES},
                  status=400 if form is not None and form.is_bound else 200)


def _run(request, step: str, agreement, data: dict):
    user, role = request.user, request.membership.role
    if step == "deposit":
        return agreements.agreement_deposit(agreement_id=agreement.pk, user=user, role=role, **data)
    if step == "sign":
        return agreements.agreement_sign(agreement_id=agreement.pk, user=user, **data)
    if step == "job":
        return agreements.agreement_job_create(agreement_id=agreement.pk, user=user, **data)
    if step == "close":
        return agreements.agreement_close(agreement_id=agreement.pk, user=user, **data)
    if step == "cancel":
        return agreements.agreement_close(agreement_id=agreement.pk, user=user, action="cancel", **data)
    if step == "refund":
        return agreements.agreement_refund(agreement_id=agreement.pk, user=user, role=role, **data)
    if step == "keep":
        return agreements.agreement_deposit_keep(agreement_id=agreement.pk, user=user, role=role, **data)
    if not agreement.money.filter(pk=data["entry_id"]).exists():
        raise Http404("no such entry")
    return services.money_reverse(entry_id=data["entry_id"], user=user, role=role, receipt_no=data["receipt_no"],
                                  reason=data["reason"])


@require_perm("services.view")
def agreement_detail(request, pk: int):
    found = selectors.agreement_get(agreement_id=pk)
    if found is None:
        raise Http404("no such agreement")
    role = request.membership.role
    posted = request.POST.get("action") if request.method == "POST" else None
    step_forms = {}
    for step, (form_class, perm) in STEPS.items():
        if not has_perm(role, perm):
            continue
        bound = posted == step
        form = form_class(request.POST if bound else None, prefix=step)
        if bound and form.is_valid():
            result = call(form, _run, request=request, step=step, agreement=found, data=form.cleaned_data)
            if result is not None:
                messages.success(request, _("已保存"))
                if step == "job":
                    return redirect("services:booking", pk=result.pk)
                return redirect("services:agreement", pk=pk)
        step_forms[step] = form
    if posted and posted not in step_forms:
        raise Http404("no such action")
    # a refused step stays on the page with its error, even when the state no longer offers it
    allowed = {s for s in step_forms if s == posted or found.status in m.AGREEMENT_TRANSITIONS[STATES[s]]}
    return render(request, "services/agreement.html", {
        **selectors.agreement_file(found), "forms": {s: f for s, f in step_forms.items() if s in allowed}},
        status=400 if posted else 200)
