"""Reads of the training module (A-05, A-06): plans, sessions (the 培训记录表), exams, inductions and the
pass rates per sitting. Reads never write."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum

from core.calendar import SHANGHAI, local
from modules.catalog.selectors import setting_values
from modules.training.deadlines import next_month
from modules.training.models import (
    APPROVED,
    INDUCTION,
    PRESENT,
    ROUND_OPEN,
    Event,
    ExamResult,
    ExamRound,
    Induction,
    Plan,
    Session,
)

TARGET_SETTINGS = ("training.pass_target_first_percent", "training.pass_target_second_percent",
                   "training.pass_target_third_percent")


def plan_list(*, due: bool = False):
    qs = Plan.objects.all()
    return qs.exclude(status=APPROVED).order_by("submit_due_at", "id") if due else qs


def plan_get(*, plan_id: int) -> Plan | None:
    return Plan.objects.filter(pk=plan_id).first()


def week_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, Asia/Shanghai, of `now`'s week."""
    today = local(now).replace(hour=0, minute=0, second=0, microsecond=0)
    start = today - timedelta(days=today.weekday())
    return start, start + timedelta(days=7)


def session_list(*, week_of: datetime | None = None):
    qs = Session.objects.annotate(present=Count("attendance", filter=Q(attendance__status=PRESENT)),
                                  listed=Count("attendance")).order_by("-starts_at", "-id")
    if week_of is not None:
        start, end = week_bounds(week_of)
        qs = qs.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at", "id")
    return qs


def session_get(*, session_id: int) -> Session | None:
    return Session.objects.select_related("plan_item").filter(pk=session_id).first()


def session_record_sheet(*, session: Session) -> dict:
    """A-05: the 培训记录表 of one session: details, attendance with its counts, effect, signatures."""
    rows = list(session.attendance.all())
    counts = {status: sum(1 for a in rows if a.status == status) for status in ("present", "excused", "absent")}
    return {"s": session, "attendance": rows, "counts": counts}


def round_list(*, open_only: bool = False):
    qs = ExamRound.objects.annotate(sat=Count("results__person_id", distinct=True)).order_by("-due_at", "-id")
    return qs.filter(status=ROUND_OPEN, held_on__isnull=True).order_by("due_at", "id") if open_only else qs


def round_get(*, round_id: int) -> ExamRound | None:
    return ExamRound.objects.select_related("induction").filter(pk=round_id).first()


def round_results(*, exam: ExamRound) -> list[ExamResult]:
    return list(exam.results.all().order_by("person_name", "person_id", "sitting"))


def induction_hours(*, person_id: int) -> Decimal:
    """A-05: the induction class hours a person attended (recorded induction sessions, present)."""
    total = (Session.objects.filter(category=INDUCTION, status="held", attendance__person_id=person_id,
                                    attendance__status=PRESENT).aggregate(h=Sum("class_hours"))["h"])
    return total or Decimal(0)


def induction_list() -> list[dict]:
    inductions = list(Induction.objects.select_related("exam").all()[:200])
    hours = dict(Session.objects.filter(category=INDUCTION, status="held", attendance__status=PRESENT,
                                        attendance__person_id__in=[i.person_id for i in inductions])
                 .values("attendance__person_id").annotate(h=Sum("class_hours"))
                 .values_list("attendance__person_id", "h"))
    return [{"i": i, "hours": hours.get(i.person_id) or Decimal(0), "exam": getattr(i, "exam", None)}
            for i in inductions]


def workbench_counts(*, now: datetime) -> dict:
    """The training card (A-05): plans not yet approved whose deadline is within 30 days or passed, sessions
    this week, exams not yet held. Three queries."""
    start, end = week_bounds(now)
    return {
        "plans_due": Plan.objects.exclude(status=APPROVED).filter(submit_due_at__lte=now + timedelta(days=30)).count(),
        "sessions_week": Session.objects.filter(starts_at__gte=start, starts_at__lt=end).exclude(status="cancelled")
        .count(),
        "exams_open": ExamRound.objects.filter(status=ROUND_OPEN, held_on__isnull=True).count(),
    }


def _percent(part: int, whole: int) -> Decimal | None:
    return None if not whole else (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))


def pass_rates(*, month: date) -> list[dict]:
    """A-06: the pass rate of the exams first held in `month`, per sitting, against the targets 90% / 95% /
    100% (catalog settings): after sitting n, the share of the examinees (everyone who sat the first time)
    who have passed at a sitting ≤ n. One row per sitting, all exams of the month together; `rate` is None
    when nobody sat. Reads only this office's schema: a pure selector another module can push."""
    month = month.replace(day=1)
    results = (ExamResult.objects.filter(round__held_on__gte=month, round__held_on__lt=next_month(month))
               .values_list("round_id", "person_id", "sitting", "passed"))
    examinees, passed_at = set(), {}
    for round_id, person_id, sitting, passed in results:
        key = (round_id, person_id)
        if sitting == 1:
            examinees.add(key)
        if passed:
            passed_at[key] = min(sitting, passed_at.get(key, sitting))
    targets = setting_values(TARGET_SETTINGS, at=datetime.combine(month, time(0), tzinfo=SHANGHAI))
    rows = []
    for sitting, key in enumerate(TARGET_SETTINGS, start=1):
        done = sum(1 for k in examinees if passed_at.get(k, sitting + 1) <= sitting)
        rate, target = _percent(done, len(examinees)), Decimal(str(targets[key])).quantize(Decimal("0.01"))
        rows.append({"month": f"{month:%Y-%m}", "sitting": sitting, "examinees": len(examinees), "passed": done,
                     "rate": rate, "target": target, "met": None if rate is None else rate >= target})
    return rows


def events_of(obj) -> list[Event]:
    return list(Event.objects.filter(object_type=type(obj).__name__.lower(), object_id=obj.pk))
