"""Printable letters: the referral to the responsible party (C-08) and the written reply (C-12)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from core.errors import NotFound
from core.web import require_perm
from modules.complaints import selectors
from modules.complaints.views.common import complaint_for


@require_perm("complaints.view")
def referral_print_view(request, pk: int, referral_id: int):
    complaint = complaint_for(request, pk)
    try:
        referral = selectors.complaint_referral_get(complaint_id=complaint.pk, referral_id=referral_id)
    except NotFound as exc:
        raise Http404("no such referral") from exc
    return render(request, "complaints/referral_print.html", {"complaint": complaint, "referral": referral})


@require_perm("complaints.view")
def reply_print_view(request, pk: int, reply_id: int):
    complaint = complaint_for(request, pk)
    try:
        reply = selectors.complaint_written_reply_get(complaint_id=complaint.pk, reply_id=reply_id)
    except NotFound as exc:
        raise Http404("no such written reply") from exc
    return render(request, "complaints/reply_print.html", {"complaint": complaint, "reply": reply})
