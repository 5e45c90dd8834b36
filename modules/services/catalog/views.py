"""Catalog pages: the general manager's approvals on the hq host (S-01) and the group administrators'
catalog with each item's rate history and offices on the apex host (R-03, S-08)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.permissions import has_perm
from core.web import require_perm
from modules.services.catalog import selectors
from modules.services.catalog.services import item_offices_set, proposal_approve, proposal_reject
from modules.services.forms import DecisionForm


def _int(value) -> int:
    return int(value) if (value or "").isdigit() and len(value) < 18 else 0


@require_perm("hq.service_proposals")
def hq_proposals(request):
    """S-01: pending proposals of every office first, each with its survey result; the GM decides."""
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not has_perm(request.membership.role, "hq.service_approve"):
            raise Http404("no such page")
        proposal = selectors.proposal_get(proposal_id=_int(request.POST.get("proposal")))
        if proposal is None:
            raise Http404("no such proposal")
        if form.is_valid():
            service = proposal_approve if request.POST.get("decision") == "approve" else proposal_reject
            try:
                service(proposal_id=proposal.pk, user=request.user, reason=form.cleaned_data["reason"])
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("已审批"))
            return redirect("services_hq:proposals")
    return render(request, "services/hq_proposals.html", {
        "pending": selectors.proposals_pending(), "decided": selectors.proposals_all().exclude(status="pending")[:50],
        "can_decide": has_perm(request.membership.role, "hq.service_approve")})


@require_perm("catalog.manage")
def catalog(request):
    """S-08: items, rate in force, scheduled rate, full history; R-03: which offices may offer each."""
    from tenants.models import Tenant

    if request.method == "POST":
        try:
            item_offices_set(item_id=_int(request.POST.get("item")), user=request.user,
                             office_ids=[int(x) for x in request.POST.getlist("office_ids") if x.isdigit()][:1000])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已保存"))
        return redirect("services_catalog:catalog")
    rows = selectors.catalog_overview()
    for row in rows:
        row["history"] = list(selectors.rate_history(item_id=row["item"].pk))
        row["office_ids"] = {o.pk for o in row["item"].offices.all()}
    return render(request, "services/catalog.html", {
        "rows": rows, "offices": Tenant.objects.filter(type=Tenant.OFFICE).order_by("name")[:300]})
