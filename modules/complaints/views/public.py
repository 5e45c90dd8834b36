"""Residents' own pages, no login (C-01 online channel): submit a complaint, look up its status.

Submissions land in the office queue like any other channel (channel "online"). Both pages are
throttled per client address, each with its own counter, and submissions also per phone, with counters
in the shared cache (failing open while Redis is down: services/online.py)."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.web import apply_error
from modules.complaints import selectors, services
from modules.complaints.forms import PublicSubmitForm, StatusLookupForm
from modules.complaints.views.common import call_service, public_events


def _page(request, template: str, context: dict, status: int = 200):
    """Every public page shows the office's duty phone and head office's complaint hotline, fax and e-mail
    (C-01, seed 000: published to residents; those of head office are group settings)."""
    from modules.catalog.selectors import setting_values

    hq = setting_values(["complaint.hq_hotline", "complaint.hq_fax", "complaint.hq_email"])
    return render(request, template, {**context, "duty_phone": getattr(request.tenant, "duty_phone", ""),
                                      "hq_hotline": hq["complaint.hq_hotline"], "hq_fax": hq["complaint.hq_fax"],
                                      "hq_email": hq["complaint.hq_email"]}, status=status)


def _client_address(request) -> str:
    """The resident's own address, resolved as django-axes resolves it for login lockouts (behind
    nginx: AXES_IPWARE_PROXY_COUNT / AXES_IPWARE_META_PRECEDENCE_ORDER), never the proxy's."""
    return get_client_ip_address(request) or "unknown"


def submit_view(request):
    form = PublicSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:  # a bot filled the hidden field: pretend all is well, keep nothing
            return _page(request, "complaints/public_done.html", {"complaint": None})
        try:
            services.online_throttle_check(address=_client_address(request), phone=data["complainant_phone"])
        except services.Throttled as exc:
            apply_error(form, exc)
            return _page(request, "complaints/public_submit.html", {"form": form}, status=429)
        complaint = call_service(
            form, services.complaint_submit_online, unit_text=data["unit"], name=data["complainant_name"],
            phone=data["complainant_phone"], content=data["content"], photo=data["photo"] or None,
        )
        if complaint is not None:
            return _page(request, "complaints/public_done.html", {"complaint": complaint})
    return _page(request, "complaints/public_submit.html", {"form": form})


@never_cache  # the answer names a resident's complaint: never kept by a browser or proxy cache
def status_view(request):
    """The lookup is a POST (issue 7 §2.9): the phone number never travels in a URL, so it stays out
    of access logs, browser history and Referer headers. A GET only shows the form, with `?number=`
    from the done page's link prefilled; a phone in a GET query is ignored."""
    form = StatusLookupForm(request.POST if request.method == "POST" else None,
                            initial={"number": request.GET.get("number", "")})
    status, events, code = None, [], 200
    if form.is_bound and form.is_valid():
        number, phone = form.cleaned_data["number"], form.cleaned_data["phone"]
        try:
            services.online_lookup_throttle_check(address=_client_address(request))
            status = selectors.complaint_status_lookup(number=number, phone=phone)
        except services.Throttled as exc:
            apply_error(form, exc)
            code = 429
        if status is None and code == 200:
            form.add_error(None, _("没有找到与编号和手机号都相符的投诉。"))
        elif status is not None:
            events = public_events(number=number, phone=phone)
    return _page(request, "complaints/public_status.html", {"form": form, "status": status, "events": events},
                  status=code)
