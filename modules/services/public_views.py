"""The office's public special-services page (S-02, S-03 online): offered items and rates, and the
residents' online booking form, throttled per client address and phone like the online complaint form."""

from __future__ import annotations

from django.shortcuts import render

from core.web import apply_error
from modules.complaints.services import Throttled, online_throttle_check
from modules.complaints.views.public import _client_address
from modules.services import forms, selectors, services
from modules.services.views import call


def public_list(request):
    items = selectors.offered_items()
    form = forms.PublicBookingForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data.pop("website"):  # a bot filled the hidden field: pretend all is well, keep nothing
            return render(request, "services/public_done.html", {"booking": None})
        try:
            online_throttle_check(address=_client_address(request), phone=data["phone"])
        except Throttled as exc:
            apply_error(form, exc)
            return render(request, "services/public.html", {"items": items, "form": form}, status=429)
        booking = call(form, services.booking_create, user=None, channel="online", **data)
        if booking is not None:
            return render(request, "services/public_done.html", {"booking": booking})
    return render(request, "services/public.html", {"items": items, "form": form},
                  status=400 if form.is_bound else 200)
