"""投诉事件 (C-10): the incidents of this office, and one incident with its complaints, the people who
complained and the deadlines of the two reporting steps of a collective complaint. From the incident
page the whole incident is classified, and its home-visit reply recorded, at once (issue 9 §3.6):
each complaint still takes its own step (services/incident.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.errors import NotFound
from core.permissions import has_perm
from core.web import require_perm
from modules.complaints import forms, models, rules, selectors, services
from modules.complaints.views.common import call_service, remaining_label

PAGE_SIZE = 30

# the steps taken for the whole incident: name → (label, form, service, TRANSITIONS action)
INCIDENT_ACTIONS = {
    "classify": (gettext_lazy("整个事件一并分类"), forms.ClassifyForm, "incident_classify", "classify"),  # C-05
    "reply": (gettext_lazy("整个事件一并登记上门回访"), forms.IncidentReplyForm, "incident_reply", "reply"),  # C-10/C-12
}


@require_perm("complaints.view")
def incidents_view(request):
    page = Paginator(selectors.incident_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "complaints/incidents.html", {"page": page})


def _step(*, due, done_at, done_by, now) -> dict:
    """One C-10 reporting step as the page shows it: done (when, by whom) or due (with countdown)."""
    late = bool(due and (done_at or now) > due)
    return {"due": due, "done_at": done_at, "done_by": done_by, "late": late,
            "remaining": "" if done_at or due is None else remaining_label(due, now)}


def _incident_data(pk: int) -> dict:
    try:
        return selectors.incident_get(pk=pk)
    except NotFound as exc:
        raise Http404("no such incident") from exc


def _make_form(name: str, complaints, data=None, files=None):
    form_class = INCIDENT_ACTIONS[name][1]
    if name == "classify":
        return form_class(data, files, prefix=name, classes=models.CLASSIFICATIONS)
    return form_class(data, files, prefix=name,
                      letter_required=any(rules.reply_needs_letter(c) for c in complaints))


def _offered(request, complaints) -> list[str]:
    """The whole-incident steps this user may take now: some open complaint can take the step (the
    service refuses, naming it, when another one cannot)."""
    if not has_perm(request.membership.role, "complaints.handle"):
        return []
    open_ones = [c for c in complaints if c.status in models.OPEN_STATUSES]
    return [name for name, (_l, _f, _s, transition) in INCIDENT_ACTIONS.items()
            if any(c.status in models.TRANSITIONS[transition] for c in open_ones)]


def _page(request, pk: int, *, bound=None, status=200):
    data = _incident_data(pk)
    incident, now, complaints = data["incident"], timezone.now(), data["complaints"]
    steps = [
        ("report_director", _step(due=data["report_director_due"], done_at=incident.director_reported_at,
                                  done_by=incident.director_reported_by, now=now)),
        ("notify_hq", _step(due=data["notify_hq_due"], done_at=incident.hq_notified_at,
                            done_by=incident.hq_notified_by, now=now)),
    ]
    offered = _offered(request, complaints)
    if bound and bound[0] not in offered:
        offered.append(bound[0])  # refused meanwhile: keep its error in view
    action_forms = [({"name": name, "label": INCIDENT_ACTIONS[name][0]},
                     bound[1] if bound and bound[0] == name else _make_form(name, complaints))
                    for name in offered]
    unclassified = any(not c.classification and c.status in models.OPEN_STATUSES for c in complaints)
    primary = "classify" if unclassified and "classify" in offered else ("reply" if "reply" in offered else "")
    return render(request, "complaints/incident.html", {
        **data, "steps": steps, "action_forms": action_forms,
        "primary_form": next((pair for pair in action_forms if pair[0]["name"] == primary), None),
        "other_forms": [pair for pair in action_forms if pair[0]["name"] != primary],
        "open_action": bound[0] if bound else "",
    }, status=status)


@require_perm("complaints.view")
def incident_view(request, pk: int):
    return _page(request, pk)


@require_POST
@require_perm("complaints.handle")
def incident_action_view(request, pk: int, action: str):
    """C-05/C-10/C-12 for the whole incident; a refusal (naming the complaint that cannot take the
    step) is shown on the form, what was typed kept, nothing written."""
    if action not in INCIDENT_ACTIONS:
        raise Http404("no such step")
    data = _incident_data(pk)
    form = _make_form(action, data["complaints"], request.POST, request.FILES)
    if form.is_valid():
        service = getattr(services, INCIDENT_ACTIONS[action][2])
        result = call_service(form, service, user=request.user, incident_id=pk, **form.cleaned_data)
        if result is not None and not form.errors:
            messages.success(request, _("已完成：%(step)s") % {"step": INCIDENT_ACTIONS[action][0]})
            return redirect("complaints:incident", pk=pk)
    return _page(request, pk, bound=(action, form))
