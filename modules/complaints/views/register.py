"""登记投诉: the fast form used during a phone call or at the front desk (C-01, C-02).

P-02: the household is looked up as one types (static/complaints/unit_search.js, over the residents'
search route); without script the 查找 button posts the form back with what was typed kept and the
matching households to pick from. The household's earlier complaints are shown beside the form."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core.web import require_perm
from modules.complaints import services
from modules.complaints.forms import RegisterForm
from modules.complaints.templatetags.complaint_history import unit_history
from modules.complaints.views.common import call_service, category_choices, channel_choices
from modules.residents import selectors as residents


def household_search() -> dict:
    """Where the unit/phone autocomplete asks: the residents page search when it exists, else the
    residents API. Without script the field stays a plain text box with its 查找 button."""
    for name, kind in (("residents:households-search", "households"), ("api-residents-households", "households"),
                       ("api-residents", "residents")):
        try:
            return {"url": reverse(name), "kind": kind, "history": reverse("complaints:unit-history")}
        except NoReverseMatch:
            continue
    return {"url": "", "kind": "", "history": ""}


def _form(request, data=None, initial=None) -> RegisterForm:
    return RegisterForm(data, request.FILES or None if data is not None else None,
                        channels=channel_choices(staff=True), categories=category_choices(), initial=initial)


def _lookup(request) -> dict:
    """The no-script lookup: the form unbound with what was typed as its initial values (no errors
    shown for fields not filled in yet), the households matching the lookup field, the chosen one's history."""
    typed = {name: request.POST.get(name, "") for name in RegisterForm.base_fields if name != "attachments"}
    form = _form(request, initial=typed)
    query = typed["unit_query"].replace("\x00", "").strip()[:residents.LOOKUP_MAX_LENGTH]
    candidates = residents.household_search(q=query)
    chosen = _household_id(typed.get("household_id"))
    if chosen not in {h.pk for h in candidates}:
        chosen = candidates[0].pk if len(candidates) == 1 else None
    return {"form": form, "candidates": candidates, "chosen": chosen, "looked_up": True}


def _household_id(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


@require_perm("complaints.register")
def register_view(request):
    context = {"search": household_search(), "candidates": [], "chosen": None, "looked_up": False}
    if request.method == "POST" and "lookup" in request.POST:
        context.update(_lookup(request))
    else:
        form = _form(request, request.POST or None,
                     initial={"idempotency_key": uuid.uuid4().hex, "channel": "phone", "category": "other"})
        if request.method == "POST" and form.is_valid():
            complaint = call_service(form, services.complaint_register, user=request.user,
                                     **form.service_kwargs())
            if complaint is not None:
                messages.success(request, _("已登记投诉 %(number)s") % {"number": complaint.number})
                return redirect("complaints:detail", pk=complaint.pk)
        context["form"] = form
        context["chosen"] = _household_id(form["household_id"].value())
    context["history"] = unit_history(household_id=context["chosen"]) if context["chosen"] else None
    return render(request, "complaints/register.html", context)


@require_perm("complaints.register")
def unit_history_view(request):
    """P-02: the chosen household's complaints, as the fragment the registration page shows (script);
    a household this office does not have is 404."""
    household_id = _household_id(request.GET.get("household"))
    if household_id is None or residents.household_get(pk=household_id) is None:
        raise Http404("no such household")
    return render(request, "complaints/_unit_history.html", {"history": unit_history(household_id=household_id)})
