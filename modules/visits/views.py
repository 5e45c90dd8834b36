"""回访 pages (V-05): the queue and one visit with its attempts and answer. Thin: services and selectors."""

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
from core.web import error_message, require_perm
from modules.visits import models as m
from modules.visits import resident_services, selectors, services
from modules.visits.forms import AnswerForm, AttemptForm, QueueFilterForm, SummaryForm


@require_perm("visits.view")
def queue_view(request):
    now = timezone.now()
    form = QueueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.visit_queue(now=now, due_today=bool(data.get("due_today")), overdue=bool(data.get("overdue")),
                               source_kind=data.get("source_kind") or "", status=data.get("status") or m.DUE)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    today = local(now).date()
    rate = selectors.satisfaction_rate(start=today.replace(day=1), end=today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "visits/queue.html", {
        "form": form, "page": page, "now": now, "counts": selectors.visit_counts(now=now),
        "rows": [{"v": v, "late": v.is_overdue(now), "source_url": selectors.source_url(v)} for v in page],
        "rate": rate, "percent": None if rate["rate"] is None else f"{rate['rate'] * 100:.1f}%",
        "query": query.urlencode()})


def _detail(request, pk: int, *, attempt_form=None, answer_form=None, status=200):
    try:
        visit = selectors.visit_get(pk=pk)
    except NotFound as exc:
        raise Http404("no such visit") from exc
    can = has_perm(request.membership.role, "visits.handle") and visit.status == m.DUE
    return render(request, "visits/detail.html", {
        "v": visit, "source_url": selectors.source_url(visit), "can_handle": can,
        "reached": any(a.reached for a in visit.attempts.all()),
        "attempt_form": attempt_form or AttemptForm(), "answer_form": answer_form or AnswerForm(),
        "late": visit.is_overdue(timezone.now())}, status=status)


@require_perm("visits.view")
def detail_view(request, pk: int):
    return _detail(request, pk)


@require_POST
@require_perm("visits.handle")
def attempt_view(request, pk: int):
    form = AttemptForm(request.POST)
    if form.is_valid():
        try:
            services.visit_attempt_record(user=request.user, visit_id=pk, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, error_message(exc))
        else:
            messages.success(request, _("已记录回访"))
            return redirect("visits:detail", pk=pk)
    return _detail(request, pk, attempt_form=form, status=400)


@require_POST
@require_perm("visits.handle")
def answer_view(request, pk: int):
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.visit_answer_record(user=request.user, visit_id=pk, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, error_message(exc))
        else:
            messages.success(request, _("已记录回访结果"))
            return redirect("visits:detail", pk=pk)
    return _detail(request, pk, answer_form=form, status=400)




# --- resident visits 走访 (V-01, V-02) -----------------------------------------------------------------

@require_perm("visits.view")
def resident_view(request):
    """The plans with progress per building, and the monthly summaries."""
    plans = list(selectors.visit_plan_list()[:6])
    return render(request, "visits/resident.html", {
        "plans": [{"plan": p, "buildings": selectors.plan_progress(plan_id=p.pk)} for p in plans],
        "summaries": selectors.visit_summary_list(),
        "can_sign": has_perm(request.membership.role, "visits.summary")})


def _summary_page(request, pk: int, form=None, status=200):
    try:
        row = selectors.visit_summary_get(pk=pk)
    except NotFound as exc:
        raise Http404("no such summary") from exc
    return render(request, "visits/summary.html", {
        "s": row, "topics": dict(m.TOPICS),
        "form": form or SummaryForm(initial={"narrative": row.narrative})}, status=status)


@require_perm("visits.summary")
def summary_view(request, pk: int):
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
            form.add_error(None, error_message(exc))
        else:
            messages.success(request, _("已保存"))
            return redirect("visits:summary", pk=pk)
    return _summary_page(request, pk, form=form, status=400)
