"""The training clocks (A-05, A-06) on the core engine, one per deadline kind, each reminded before and
flagged after once (the markers on the row): the annual and the monthly plan's submission and approval, an
exam not yet held, the induction's class hours, and the deadline after a third failed exam."""

from __future__ import annotations

from django.db.models import Q

from core.clocks import Clock, Threshold, clock_register


def _plan_clock(*, kind: str, step: str, lead: str):
    from modules.training import services
    from modules.training.models import APPROVED, PLAN_NOT_SUBMITTED, Plan

    due = f"{step}_due_at"
    if step == "submit":
        rows = lambda: Plan.objects.filter(kind=kind, status__in=PLAN_NOT_SUBMITTED)  # noqa: E731
        soon, late = services.plan_submit_due_soon, services.plan_submit_overdue
    else:
        rows = lambda: Plan.objects.filter(kind=kind).exclude(status=APPROVED)  # noqa: E731
        soon, late = services.plan_approve_due_soon, services.plan_approve_overdue
    reminded, overdue = f"{step}_reminded_at", f"{step}_overdue_at"
    return Clock(
        name=f"training.{kind}_plan_{step}", rows=rows, due_field=due,
        thresholds=(
            Threshold(name="due_soon", lead_setting=lead,
                      pending=Q(**{f"{reminded}__isnull": True, f"{overdue}__isnull": True}),
                      handle=lambda row, now: soon(row, now)),
            Threshold(name="overdue", passed=lambda now, _lead: Q(**{f"{due}__lt": now}),
                      pending=Q(**{f"{overdue}__isnull": True}), handle=lambda row, now: late(row, now)),
        ))


def register() -> None:
    from modules.training import services
    from modules.training.models import DEADLINE, ROUND_OPEN, ExamResult, ExamRound, Induction

    for kind, lead in (("annual", "training.annual_plan_remind_minutes"),
                       ("monthly", "training.monthly_plan_remind_minutes")):
        for step in ("submit", "approve"):
            clock_register(_plan_clock(kind=kind, step=step, lead=lead))
    clock_register(Clock(
        name="training.exam",
        rows=lambda: ExamRound.objects.filter(status=ROUND_OPEN, held_on__isnull=True),
        thresholds=(
            Threshold(name="due_soon", lead_setting="training.exam_remind_minutes",
                      pending=Q(reminded_at__isnull=True, overdue_at__isnull=True),
                      handle=lambda row, now: services.exam_due_soon(row, now)),
            Threshold(name="overdue", passed=lambda now, _lead: Q(due_at__lt=now), pending=Q(overdue_at__isnull=True),
                      handle=lambda row, now: services.exam_overdue(row, now)),
        )))
    clock_register(Clock(
        name="training.induction_hours", due_field="hours_due_at",
        rows=lambda: Induction.objects.filter(hours_done_at__isnull=True),
        thresholds=(Threshold(name="overdue", passed=lambda now, _lead: Q(hours_due_at__lt=now),
                              pending=Q(hours_overdue_at__isnull=True),
                              handle=lambda row, now: services.induction_hours_overdue(row, now)),)))
    clock_register(Clock(
        name="training.retake_deadline", due_field="retake_due_at",
        rows=lambda: ExamResult.objects.select_related("round").filter(step=DEADLINE, retake_done=False),
        thresholds=(Threshold(name="overdue", passed=lambda now, _lead: Q(retake_due_at__lt=now),
                              pending=Q(retake_overdue_at__isnull=True),
                              handle=lambda row, now: services.retake_overdue_mark(row, now)),)))
