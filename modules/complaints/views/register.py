"""登记投诉: the fast form used during a phone call or at the front desk (C-01, C-02)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core.web import require_perm
from modules.complaints import services
from modules.complaints.forms import RegisterForm
from modules.complaints.views.common import call_service, category_choices, channel_choices


def household_search() -> dict:
    """Where the unit/phone autocomplete asks: the residents page search when it exists, else the
    residents API. Without script the field stays a plain text box."""
    for name, kind in (("residents:households-search", "households"), ("api-residents-households", "households"),
                       ("api-residents", "residents")):
        try:
            return {"url": reverse(name), "kind": kind}
        except NoReverseMatch:
            continue
    return {"url": "", "kind": ""}


@require_perm("complaints.register")
def register_view(request):
    form = RegisterForm(
        request.POST or None, request.FILES or None,
        channels=channel_choices(staff=True), categories=category_choices(),
        initial={"idempotency_key": uuid.uuid4().hex, "channel": "phone", "category": "other"},
    )
    if request.method == "POST" and form.is_valid():
        complaint = call_service(form, services.complaint_register, user=request.user,
                                 **form.service_kwargs())
        if complaint is not None:
            messages.success(request, _("已登记投诉 %(number)s") % {"number": complaint.number})
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "complaints/register.html", {"form": form, "search": household_search()})

