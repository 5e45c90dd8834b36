"""Residents' own pages, no login (C-01 online channel): submit a complaint, look up its status.

Submissions land in the office queue like any other channel (channel "online"). Both pages are
throttled per address, and submissions also per phone, with counters in the shared cache."""

from __future__ import annotations

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from modules.complaints import services
from modules.complaints.forms import PublicSubmitForm, StatusLookupForm
from modules.complaints.views import reads
from modules.complaints.views.common import call_service, public_events

# (scope, limit, window in seconds): abuse protection of an open form, not a rule-book number
SUBMIT_LIMITS = {"addr": (5, 3600), "phone": (3, 24 * 3600)}
LOOKUP_LIMITS = {"lookup": (30, 3600)}


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def throttle_hit(*, scope: str, ident: str, limits: dict) -> bool:
    """Count one use of `scope` by `ident`; True when it is over the limit for its window."""
    limit, window = limits[scope]
    key = f"complaints:public:{scope}:{ident}"
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        used = 1
    return used > limit


def submit_view(request):
    form = PublicSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:  # a bot filled the hidden field: pretend all is well, keep nothing
            return render(request, "complaints/public_done.html", {"complaint": None})
        if throttle_hit(scope="addr", ident=_client_address(request), limits=SUBMIT_LIMITS) or \
                throttle_hit(scope="phone", ident=data["complainant_phone"], limits=SUBMIT_LIMITS):
            form.add_error(None, _("提交过于频繁，请稍后再试，或直接致电管理处。"))
            return render(request, "complaints/public_submit.html", {"form": form}, status=429)
        complaint = call_service(
            form, services.complaint_register, user=None, channel="online", content=data["content"],
            complainant_name=data["complainant_name"], complainant_phone=data["complainant_phone"],
            unit_text=data["unit"], attachments=[data["photo"]] if data["photo"] else [],
        )
        if complaint is not None:
            return render(request, "complaints/public_done.html", {"complaint": complaint})
    return render(request, "complaints/public_submit.html", {"form": form})


def status_view(request):
    form = StatusLookupForm(request.GET or None)
    found = None
    if request.GET and form.is_valid():
        if throttle_hit(scope="lookup", ident=_client_address(request), limits=LOOKUP_LIMITS):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
        else:
            found = reads.complaint_by_number_and_phone(number=form.cleaned_data["number"],
                                                                phone=form.cleaned_data["phone"])
            if found is None:
                form.add_error(None, _("没有找到与编号和手机号都相符的投诉。"))
    context = {"form": form, "complaint": found, "events": public_events(found) if found else []}
    return render(request, "complaints/public_status.html", context)
