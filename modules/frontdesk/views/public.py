"""F-06 / M-01: the residents' notice board on the office host — no login. Only this office's schema
is read (the host picks the tenant), so another office's notices never appear."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from modules.frontdesk.selectors import public_notices


def board(request):
    now = timezone.now()
    return render(request, "frontdesk/public_notices.html", {"notices": public_notices(now=now)[:100], "now": now})
