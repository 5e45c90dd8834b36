"""M-01: residents' property in the office's care — the register page, one item with its hand-back,
and its loss or damage incidents (recorded, reported to the resident, resolved)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.permissions import has_perm
from core.web import require_perm
from modules.frontdesk.filters import ALL, CustodyFilter
from modules.frontdesk.forms import (
    CustodyForm,
    CustodyIncidentForm,
    CustodyReportForm,
    CustodyResolveForm,
    CustodyReturnForm,
)
from modules.frontdesk.models import custody as cu
from modules.frontdesk.selectors import (
    custody_get,
    custody_incident_get,
    custody_incidents,
    custody_list,
    events_of,
)
from modules.frontdesk.services import (
    custody_incident_record,
    custody_incident_report,
    custody_incident_resolve,
    custody_receive,
    custody_return,
)
from modules.frontdesk.views.common import act, get_or_404, kept_form, page_of, role_of, submit


@require_perm("frontdesk.view")
def custody(request):
    can_register = has_perm(role_of(request), "frontdesk.register")
    form = CustodyForm(request.POST or None)
    if can_register:
        done = submit(request, form, lambda data: custody_receive(user=request.user, **data),
                      success=_("已登记保管物品"), to=lambda item: reverse("frontdesk:custody-item", args=[item.pk]))
        if done:
            return done
    search = CustodyFilter(request.GET)
    f = search.values()
    return render(request, "frontdesk/custody.html", {
        "form": form if can_register else None, "statuses": cu.ITEM_STATUSES, "status": f["status"],
        "q": f["q"], "filter": search,
        "page": page_of(request, custody_list(status="" if f["status"] == ALL else f["status"], q=f["q"])),
        "open_incidents": custody_incidents(open_only=True)[:50]}, status=400 if search.errors else 200)


@require_perm("frontdesk.view")
def custody_item(request, pk: int):
    item = get_or_404(custody_get, pk=pk)
    role = role_of(request)
    return render(request, "frontdesk/custody_detail.html", {
        "item": item, "incidents": custody_incidents(item_id=item.pk),
        "events": events_of(entity="custody", entity_id=item.pk),
        "can_register": has_perm(role, "frontdesk.register"), "can_resolve": has_perm(role, "frontdesk.review"),
        "return_form": kept_form(request, CustodyReturnForm),
        "incident_form": kept_form(request, CustodyIncidentForm),
        "report_form": kept_form(request, CustodyReportForm), "resolve_form": kept_form(request, CustodyResolveForm)})


@require_perm("frontdesk.register")
def custody_return_view(request, pk: int):
    return act(request, CustodyReturnForm(request.POST), lambda data: custody_return(
        user=request.user, item_id=pk, **data), success=_("已登记领取"), back=reverse("frontdesk:custody-item", args=[pk]))


@require_perm("frontdesk.register")
def custody_incident_view(request, pk: int):
    get_or_404(custody_get, pk=pk)
    return act(request, CustodyIncidentForm(request.POST), lambda data: custody_incident_record(
        user=request.user, item_id=pk, **data), success=_("已登记遗失/损坏，请尽快告知住户"),
        back=reverse("frontdesk:custody-item", args=[pk]))


@require_perm("frontdesk.register")
def custody_report_view(request, pk: int):
    incident = get_or_404(custody_incident_get, pk=pk)
    return act(request, CustodyReportForm(request.POST), lambda data: custody_incident_report(
        user=request.user, incident_id=pk, **data), success=_("已记录告知住户"),
        back=reverse("frontdesk:custody-item", args=[incident.item_id]))


@require_perm("frontdesk.review")
def custody_resolve_view(request, pk: int):
    incident = get_or_404(custody_incident_get, pk=pk)
    return act(request, CustodyResolveForm(request.POST), lambda data: custody_incident_resolve(
        user=request.user, incident_id=pk, **data), success=_("已记录处理结果"),
        back=reverse("frontdesk:custody-item", args=[incident.item_id]))
