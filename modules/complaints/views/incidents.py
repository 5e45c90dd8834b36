"""投诉事件 (C-10): the incidents of this office, and one incident with its complaints, its distinct
households and the deadlines of the two reporting steps of a collective complaint."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from core.errors import NotFound
from core.web import require_perm
from modules.complaints import selectors
from modules.complaints.views.common import remaining_label

PAGE_SIZE = 30


@require_perm("complaints.view")
def incidents_view(request):
    page = Paginator(selectors.incident_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "complaints/incidents.html", {"page": page})


def _step(*, due, done_at, done_by, now) -> dict:
    """One C-10 reporting step as the page shows it: done (when, by whom) or due (with countdown)."""
    late = bool(due and (done_at or now) > due)
    return {"due": due, "done_at": done_at, "done_by": done_by, "late": late,
            "remaining": "" if done_at or due is None else remaining_label(due, now)}


@require_perm("complaints.view")
def incident_view(request, pk: int):
    try:
        data = selectors.incident_get(pk=pk)
    except NotFound as exc:
        raise Http404("no such incident") from exc
    incident, now = data["incident"], timezone.now()
    steps = [
        ("report_director", _step(due=data["report_director_due"], done_at=incident.director_reported_at,
                                  done_by=incident.director_reported_by, now=now)),
        ("notify_hq", _step(due=data["notify_hq_due"], done_at=incident.hq_notified_at,
                            done_by=incident.hq_notified_by, now=now)),
    ]
    return render(request, "complaints/incident.html", {**data, "steps": steps})
