"""Training pages (A-05, A-06): plans, sessions with attendance and the 培训记录表 (print and .xlsx), exams with
the retake ladder, inductions, pass rates. Thin: services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dateinput import MonthField
from core.errors import ApplicationError, Forbidden
from core.permissions import has_perm
from core.web import apply_error, error_message, require_perm
from modules.training import selectors, services
from modules.training.export import COLUMNS, record_head, record_rows, record_xlsx
from modules.training.forms import (
    ATTENDANCE_CHOICES,
    InductionForm,
    PlanItemForm,
    PlanOpenForm,
    ReasonForm,
    RecordForm,
    ResultForm,
    RoundForm,
    SessionForm,
)
from modules.training.models import ATTENDANCE


def _can(request, perm: str) -> bool:
    return has_perm(request.membership.role, perm)


def _people(request) -> list[tuple[int, str]]:
    from modules.people.selectors import people_of_tenant

    return [(m.user_id, m.user.display_name or m.user.username)
            for m in people_of_tenant(tenant=request.tenant).select_related("user")[:500]]


def _month(request):
    field = MonthField(required=False)
    try:
        return field.clean(request.GET.get("month", "")) or timezone.localdate().replace(day=1)
    except Exception:  # a bad ?month= shows this month, as the other monthly pages do
        return timezone.localdate().replace(day=1)


@require_perm("training.view")
def plans(request):
    """A-05: the annual and monthly plans with their deadlines; the supervisor opens a plan."""
    form = PlanOpenForm(request.POST or None)
    if request.method == "POST":
        if not _can(request, "training.plan"):
            raise Http404("no such page")
        if form.is_valid():
            try:
                plan = services.plan_open(user=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                apply_error(form, exc)
            else:
                return redirect("training:plan", pk=plan.pk)
    due = request.GET.get("due") == "1"
    page = Paginator(selectors.plan_list(due=due), 30).get_page(request.GET.get("page"))
    return render(request, "training/plans.html", {"page": page, "form": form if _can(request, "training.plan") else None,
                                                    "due": due, "now": timezone.now()})


@require_perm("training.view")
def plan_detail(request, pk: int):
    """A-05: the 培训计划表: lines while drafted, submit (supervisor), approve or return (director)."""
    plan = selectors.plan_get(plan_id=pk)
    if plan is None:
        raise Http404("no such plan")
    item_form, reason_form = PlanItemForm(), ReasonForm()
    if request.method == "POST":
        action = request.POST.get("action")
        perm = {"item": "training.plan", "submit": "training.plan", "approve": "training.approve",
                "return": "training.approve"}.get(action)
        if perm is None:
            raise Http404("no such action")
        try:
            if action == "item":
                item_form = PlanItemForm(request.POST)
                if item_form.is_valid():
                    services.plan_item_add(user=request.user, plan_id=pk, **item_form.cleaned_data)
                    return redirect(request.path)
            elif action == "return":
                reason_form = ReasonForm(request.POST)
                if reason_form.is_valid():
                    services.plan_return(user=request.user, plan_id=pk, **reason_form.cleaned_data)
                    return redirect(request.path)
            else:
                getattr(services, f"plan_{action}")(user=request.user, plan_id=pk)
                messages.success(request, _("已提交") if action == "submit" else _("已批准"))
                return redirect(request.path)
        except Forbidden as exc:
            return HttpResponseForbidden(exc.message)
        except ApplicationError as exc:
            if action == "item":
                apply_error(item_form, exc)
            elif action == "return":
                apply_error(reason_form, exc)
            else:
                messages.error(request, error_message(exc))
                return redirect(request.path)
    role = request.membership.role
    return render(request, "training/plan.html", {
        "plan": plan, "items": plan.items.all(), "item_form": item_form, "reason_form": reason_form,
        "can_plan": has_perm(role, "training.plan"), "can_approve": has_perm(role, "training.approve"),
        "events": selectors.events_of(plan)})


@require_perm("training.view")
def sessions(request):
    """A-05: sessions, newest first (`?week=1`: this week's); team leaders and the supervisor add one."""
    form = SessionForm(request.POST or None)
    can_record = _can(request, "training.record")
    if request.method == "POST":
        if not can_record:
            raise Http404("no such page")
        if form.is_valid():
            try:
                session = services.session_create(user=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                apply_error(form, exc)
            else:
                return redirect("training:session", pk=session.pk)
    week = request.GET.get("week") == "1"
    page = Paginator(selectors.session_list(week_of=timezone.now() if week else None), 30).get_page(
        request.GET.get("page"))
    return render(request, "training/sessions.html", {"page": page, "form": form if can_record else None,
                                                       "week": week})


@require_perm("training.view")
def session_detail(request, pk: int):
    """A-05: the printable 培训记录表 of a session, its attendance form and `?as=xlsx`."""
    session = selectors.session_get(session_id=pk)
    if session is None:
        raise Http404("no such session")
    record_form = RecordForm()
    if request.method == "POST":
        if not _can(request, "training.record"):
            raise Http404("no such page")
        action = request.POST.get("action")
        try:
            if action == "attendance":
                rows = [{"person_id": pid, "status": request.POST.get(f"status_{pid}"),
                         "note": request.POST.get(f"note_{pid}", "")[:500]}
                        for pid, _name in _people(request) if request.POST.get(f"status_{pid}") in dict(ATTENDANCE)]
                services.session_attendance_set(user=request.user, session_id=pk, rows=rows)
            elif action == "record":
                record_form = RecordForm(request.POST)
                if record_form.is_valid():
                    services.session_record(user=request.user, session_id=pk, **record_form.cleaned_data)
            else:
                raise Http404("no such action")
        except ApplicationError as exc:
            messages.error(request, error_message(exc))
        else:
            messages.success(request, _("已保存"))
        return redirect(request.path)
    data = selectors.session_record_sheet(session=session)
    if request.GET.get("as") == "xlsx":
        return FileResponse(record_xlsx(data=data), as_attachment=True, filename=f"training-{session.number}.xlsx")
    marked = {a.person_id: a for a in data["attendance"]}
    return render(request, "training/session.html", {
        "d": data, "head": record_head(data), "columns": COLUMNS, "rows": record_rows(data),
        "can_record": _can(request, "training.record"), "record_form": record_form,
        "choices": ATTENDANCE_CHOICES,
        "people": [{"id": pid, "name": name, "a": marked.get(pid)} for pid, name in _people(request)]})


@require_perm("training.view")
def exams(request):
    """A-05: exam rounds (`?open=1`: not yet held); the supervisor opens the month's or the quarter's exam."""
    form = RoundForm(request.POST or None)
    can_grade = _can(request, "training.grade")
    if request.method == "POST":
        if not can_grade:
            raise Http404("no such page")
        if form.is_valid():
            try:
                exam = services.exam_round_open(user=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                apply_error(form, exc)
            else:
                return redirect("training:exam", pk=exam.pk)
    open_only = request.GET.get("open") == "1"
    page = Paginator(selectors.round_list(open_only=open_only), 30).get_page(request.GET.get("page"))
    return render(request, "training/exams.html", {"page": page, "form": form if can_grade else None,
                                                    "open_only": open_only})


@require_perm("training.view")
def exam_detail(request, pk: int):
    """A-06: one exam's sittings with the retake ladder; the supervisor records a result."""
    exam = selectors.round_get(round_id=pk)
    if exam is None:
        raise Http404("no such exam")
    people = _people(request)
    if exam.induction_id:
        people = [p for p in people if p[0] == exam.induction.person_id]
    form = ResultForm(request.POST or None, people=people)
    can_grade = _can(request, "training.grade")
    if request.method == "POST":
        if not can_grade:
            raise Http404("no such page")
        if form.is_valid():
            try:
                result = services.exam_result_record(user=request.user, round_id=pk, **form.cleaned_data)
            except ApplicationError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("已记录：合格") if result.passed else _("已记录：不合格"))
                return redirect(request.path)
    return render(request, "training/exam.html", {
        "exam": exam, "results": selectors.round_results(exam=exam), "form": form if can_grade else None})


@require_perm("training.view")
def inductions(request):
    """A-05: new employees' induction: class hours against the 40 due within 5 working days, the exam."""
    form = InductionForm(request.POST or None, people=_people(request))
    can_plan = _can(request, "training.plan")
    if request.method == "POST":
        if not can_plan:
            raise Http404("no such page")
        if form.is_valid():
            try:
                services.induction_start(user=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                apply_error(form, exc)
            else:
                return redirect(request.path)
    return render(request, "training/inductions.html", {"rows": selectors.induction_list(),
                                                         "form": form if can_plan else None})


@require_perm("training.view")
def pass_rates(request):
    """A-06: this office's pass rate per sitting for a month, against the targets."""
    month = _month(request)
    return render(request, "training/pass_rates.html", {"month": month, "rows": selectors.pass_rates(month=month)})
