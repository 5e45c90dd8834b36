"""F-03 missed calls and F-04 office-tower visitors."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.permissions import has_perm
from core.web import require_perm
from modules.frontdesk.filters import CallsFilter, VisitorsFilter
from modules.frontdesk.forms import CallbackForm, MissedCallForm, VisitorForm
from modules.frontdesk.selectors import missed_call_list, visitor_list
from modules.frontdesk.services import (
    missed_call_callback,
    missed_call_record,
    visitor_check_in,
    visitor_check_out,
)
from modules.frontdesk.views.common import act, kept_form, page_of, submit


@require_perm("frontdesk.view")
def calls(request):
    can_register = has_perm(request.membership.role, "frontdesk.register")
    form = MissedCallForm(request.POST or None)
    if can_register:
        done = submit(request, form, lambda data: missed_call_record(user=request.user, **data),
                      success=_("已记录未接来电"), to=reverse("frontdesk:calls"))
        if done:
            return done
    search = CallsFilter(request.GET)
    show_all = search.values()["all"] == "1"
    return render(request, "frontdesk/calls.html", {"filter": search,
        "form": form if can_register else None, "callback_form": kept_form(request, CallbackForm) if can_register else None,
        "page": page_of(request, missed_call_list(open_only=not show_all)), "show_all": show_all},
        status=400 if search.errors else 200)


@require_perm("frontdesk.register")
def call_callback(request, pk: int):
    return act(request, CallbackForm(request.POST), lambda data: missed_call_callback(
        missed_call_id=pk, user=request.user, **data), success=_("已记录回电"), back=reverse("frontdesk:calls"))


@require_perm("frontdesk.view")
def visitors(request):
    can_register = has_perm(request.membership.role, "frontdesk.register")
    form = VisitorForm(request.POST or None)
    if can_register:
        done = submit(request, form, lambda data: visitor_check_in(user=request.user, **data),
                      success=_("已登记来访"), to=reverse("frontdesk:visitors"))
        if done:
            return done
    search = VisitorsFilter(request.GET)
    inside_only = search.values()["inside"] == "1"
    return render(request, "frontdesk/visitors.html", {"filter": search,
        "form": form if can_register else None, "can_register": can_register, "inside_only": inside_only,
        "page": page_of(request, visitor_list(inside_only=inside_only))},
        status=400 if search.errors else 200)


@require_perm("frontdesk.register")
def visitor_checkout(request, pk: int):
    from django import forms

    return act(request, forms.Form(request.POST), lambda data: visitor_check_out(visitor_id=pk, user=request.user),
               success=_("已登记离开"), back=reverse("frontdesk:visitors"))
