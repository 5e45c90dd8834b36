"""Printable letters: the referral to the responsible party (C-08) and the written reply (C-12)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from core.web import require_perm
from modules.complaints.views.common import complaint_for


@require_perm("complaints.view")
def referral_print_view(request, pk: int, referral_id: int):
    complaint = complaint_for(request, pk)
    referral = complaint.referrals.filter(pk=referral_id).first()
    if referral is None:
        raise Http404("no such referral")
    return render(request, "complaints/referral_print.html", {"complaint": complaint, "referral": referral})


@require_perm("complaints.view")
def reply_print_view(request, pk: int, reply_id: int):
    complaint = complaint_for(request, pk)
    reply = complaint.replies.filter(pk=reply_id).exclude(letter_text="").first()
    if reply is None:
        raise Http404("no such written reply")
    return render(request, "complaints/reply_print.html", {"complaint": complaint, "reply": reply})
