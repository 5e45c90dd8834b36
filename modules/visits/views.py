"""回访 pages (V-05): the queue and one visit with its attempts and answer; 走访 pages (V-01, V-02): plans
with progress, recording a visit, feedback to the resident, the director's monthly summary. Thin: services
and selectors; a refused form comes back with what was typed and the field named."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.calendar import local
from core.errors import ApplicationError, NotFound
from core.permissions import has_perm
from core.web import apply_error, require_perm
from modules.visits import models as m
from modules.visits import resident_services, selectors, services
from modules.visits.forms import (
    AnswerForm,
    AttemptForm,
    FeedbackForm,
    PlanForm,
    PlanTargetFilterForm,
    QueueFilterForm,
    ResidentVisitForm,
    SummaryForm,
)

PAGE_SIZE = 50


def _found(getter, **kwargs):
    """A selector's row of this office, or the page does not exist (404, never another office's row)."""
    try:
        return getter(**kwargs)
    except NotFound as exc:
        raise Http404("no such record") from exc


def _submit(form, service, **kwargs):
    """Run `service` with the form's values (and `kwargs`) when the form is valid; a refusal lands on the
    form's named fields (or the form) and nothing is written. The service's result, else None."""
    if not form.is_valid():
        return None
    try:
        return service(**kwargs, **form.cleaned_data)
    except ApplicationError as exc:
        apply_error(form, exc)
        return None


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_perm("visits.view")
def queue_view(request):
    now = timezone.now()
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.visit_queue(now=now, due_today=bool(data.get("due_today")), overdue=bool(data.get("overdue")),
                               source_kind=data.get("source_kind") or "", status=data.get("status") or m.DUE)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = local(now).date()
    rate = selectors.satisfaction_rate(start=today.replace(day=1), end=today)
    return render(request, "visits/queue.html", {
        "form": form, "page": page, "now": now, "counts": selectors.visit_counts(now=now),
        "rows": [{"v": v, "late": v.is_overdue(now), "source_url": selectors.source_url(v)} for v in page],
        "rate": rate, "percent": None if rate["rate"] is None else f"{rate['rate'] * 100:.1f}%",
        "query": _query(request)})


def _detail(request, pk: int, *, attempt_form=None, answer_form=None, status=200):
    visit = _found(selectors.visit_get, pk=pk)
    can = has_perm(request.membership.role, "visits.handle") and visit.status == m.DUE
    return render(request, "visits/detail.html", {
        "v": visit, "source_url": selectors.source_url(visit), "can_handle": can,
        "reached": any(a.reached for a in visit.attempts.all()),
        "attempt_form": attempt_form or AttemptForm(),
        "answer_form": answer_form or AnswerForm(staff=_praise_staff(request)),
        "late": visit.is_overdue(timezone.now())}, status=status)


def _praise_staff(request) -> list[dict]:
    """A-04: the office's people a resident may praise on a return visit, by name."""
    from modules.complaints.selectors import office_staff_list

    return [{"user_id": r["user_id"], "name": r["user"].display_name or r["user"].username}
            for r in office_staff_list(tenant=request.tenant)]


@require_perm("visits.view")
def detail_view(request, pk: int):
    return _detail(request, pk)


# one handler for the visit page's two forms (an attempt, the answer): the form, its service, its message
_VISIT_STEPS = {
    "attempt": (AttemptForm, services.visit_attempt_record, "attempt_form", _("已记录回访")),
    "answer": (AnswerForm, services.visit_answer_record, "answer_form", _("已记录回访结果")),
}


@require_POST
@require_perm("visits.handle")
def visit_step_view(request, pk: int, step: str):
    form_class, service, slot, done = _VISIT_STEPS[step]
    form = AnswerForm(request.POST, staff=_praise_staff(request)) if form_class is AnswerForm \
        else form_class(request.POST)
    if _submit(form, service, user=request.user, visit_id=pk) is not None:
        messages.success(request, done)
        return redirect("visits:detail", pk=pk)
    return _detail(request, pk, **{slot: form}, status=400)


# --- resident visits 走访 (V-01, V-02) -----------------------------------------------------------------

@require_perm("visits.view")
def resident_view(request):
    """The plans with progress per building, and the monthly summaries."""
    plans = list(selectors.visit_plan_list()[:6])
    can_sign = has_perm(request.membership.role, "visits.summary")
    return render(request, "visits/resident.html", {
        "plans": [{"plan": p, "buildings": selectors.plan_progress(plan_id=p.pk)} for p in plans],
        "summaries": selectors.visit_summary_list(), "can_sign": can_sign,
        "can_plan": has_perm(request.membership.role, "visits.plan"),
        "missing_month": selectors.visit_summary_missing_month(today=local(timezone.now()).date())
        if can_sign else None})


@require_perm("visits.plan")
def plan_new_view(request):
    """V-02: a plan for a period over every household of the roster, split among the chosen staff. The
    预览分配 button shows the split without creating anything."""
    staff = selectors.visit_staff_list(tenant=request.tenant)
    form = PlanForm(request.POST or None, staff=staff)
    preview, status = None, 200
    if request.method == "POST":
        if "preview" in request.POST:
            if form.is_valid():
                names = {s["user_id"]: s["name"] for s in staff}
                preview = [{**row, "name": names.get(row["staff_id"], "")}
                           for row in selectors.split_preview(staff_ids=form.cleaned_data["staff_ids"])]
        else:
            plan = _submit(form, resident_services.visit_plan_create, user=request.user)
            if plan is not None:
                messages.success(request, _("已制定走访计划"))
                return redirect("visits:plan", pk=plan.pk)
        status = 400 if form.errors else 200
    return render(request, "visits/plan_new.html", {
        "form": form, "preview": preview, "households": selectors.roster_household_count()}, status=status)


@require_perm("visits.view")
def plan_view(request, pk: int):
    """V-02: progress per building and per person, and the households still to visit (each with 记录走访)."""
    from modules.residents.selectors import building_list

    plan = _found(selectors.visit_plan_get, pk=pk)
    split = selectors.plan_staff_split(plan_id=plan.pk)
    buildings = selectors.plan_progress(plan_id=plan.pk)
    form = PlanTargetFilterForm(request.GET or None, staff=[(s["staff_id"], s["name"]) for s in split],
                                buildings=list(building_list().values_list("pk", "name")))
    data = form.cleaned_data if form.is_valid() else {}
    todo = selectors.plan_targets_to_visit(plan_id=plan.pk, staff_id=data.get("staff"),
                                           building_id=data.get("building"))
    planned = sum(b["planned"] for b in buildings)
    visited = sum(b["visited"] for b in buildings)
    return render(request, "visits/plan.html", {
        "plan": plan, "buildings": buildings, "split": split, "form": form, "query": _query(request),
        "page": Paginator(todo, PAGE_SIZE).get_page(request.GET.get("page")),
        "planned": planned, "visited": visited, "recent": selectors.plan_recent_visits(plan_id=plan.pk),
        "can_visit": has_perm(request.membership.role, "visits.handle")})


@require_perm("visits.handle")
def plan_visit_view(request, pk: int, household_id: int):
    """V-01: record the visit of one of the plan's households: every topic rated, the resident's words."""
    target = _found(selectors.plan_target_get, plan_id=pk, household_id=household_id)
    form = ResidentVisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = resident_services.resident_visit_record(
                user=request.user, household_id=household_id, plan_id=pk, ratings=form.ratings(),
                comments=form.cleaned_data["comments"], visited_at=form.cleaned_data["visited_at"])
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("已记录走访：%(home)s") % {"home": _home(target.household)})
            return redirect(f"{_plan_url(pk)}#visit-{visit.pk}")
    return render(request, "visits/visit_new.html", {"target": target, "form": form, "home": _home(target.household)},
                  status=400 if form.errors else 200)


def _plan_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("visits:plan", kwargs={"pk": pk})


def _home(household) -> str:
    return f"{household.unit.building.name} {household.unit.number} {household.name}"


def _resident_visit(request, pk: int, *, form=None, status=200):
    visit = _found(selectors.resident_visit_detail, pk=pk)
    topics = dict(m.TOPICS)
    labels = dict(m.RATING_LABELS)
    return render(request, "visits/resident_visit.html", {
        "v": visit, "home": _home(visit.household),
        "ratings": [{"topic": topics[k], "value": v, "label": labels.get(v, "")}
                    for k, v in visit.ratings.items() if k in topics],
        "can_feedback": has_perm(request.membership.role, "visits.plan"),
        "form": form or FeedbackForm()}, status=status)


@require_perm("visits.view")
def resident_visit_view(request, pk: int):
    return _resident_visit(request, pk)


@require_POST
@require_perm("visits.plan")
def feedback_view(request, pk: int):
    """V-02: the feedback given back to the resident about their visit."""
    form = FeedbackForm(request.POST)
    if _submit(form, resident_services.visit_feedback_record, user=request.user, visit_id=pk) is not None:
        messages.success(request, _("已记录反馈"))
        return redirect("visits:resident-visit", pk=pk)
    return _resident_visit(request, pk, form=form, status=400)


def _summary_topics(row) -> list[dict]:
    """The summary's figures per topic, each with its label."""
    topics = dict(m.TOPICS)
    return [{**t, "label": topics.get(t["topic"], t["topic"])} for t in row.figures.get("topics", [])]


def _summary_page(request, pk: int, form=None, status=200):
    row = _found(selectors.visit_summary_get, pk=pk)
    return render(request, "visits/summary.html", {
        "s": row, "topics": _summary_topics(row),
        "events": selectors.visit_summary_events(summary_id=row.pk),
        "form": form or SummaryForm(initial={"narrative": row.narrative})}, status=status)


@require_perm("visits.summary")
def summary_view(request, pk: int):
    """V-02: the director edits the drafted summary's narrative (保存) and signs it (保存并签署)."""
    if request.method != "POST":
        return _summary_page(request, pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():  # saved and signed together, or neither
                resident_services.visit_summary_edit(user=request.user, summary_id=pk, **form.cleaned_data)
                if request.POST.get("sign"):
                    resident_services.visit_summary_sign(user=request.user, summary_id=pk)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("已签署") if request.POST.get("sign") else _("已保存"))
            return redirect("visits:summary", pk=pk)
    return _summary_page(request, pk, form=form, status=400)


@require_perm("visits.summary")
def summary_print_view(request, pk: int):
    """V-02: the monthly visit summary as printed on A4 (the office, the month's figures, the narrative and
    the director's signature); a draft prints marked as not signed."""
    row = _found(selectors.visit_summary_get, pk=pk)
    return render(request, "visits/summary_print.html", {"s": row, "topics": _summary_topics(row)})


@require_POST
@require_perm("visits.summary")
def summary_draft_view(request):
    """Last month's summary drafted now, when the beat of the 1st has not (e.g. a new office)."""
    month = selectors.visit_summary_missing_month(today=local(timezone.now()).date())
    if month is None:
        return redirect("visits:resident")
    row = resident_services.visit_summary_draft(month=month)
    return redirect("visits:summary", pk=row.pk)
