"""Reads of the assessment module (A-02): findings, proposals, the monthly sheet."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, Count, F, Q, Sum, Value, When
from django.utils import timezone

from modules.assessment.models import PENDING, Event, Finding, PraiseNote, Proposal, Sheet
from modules.catalog.selectors import setting_value


def finding_list(*, month: date | None = None, person_id: int | None = None, step: str = ""):
    qs = Finding.objects.all()
    if month:
        qs = qs.filter(month=month)
    if step:
        qs = qs.filter(step=step)
    if person_id:
        qs = qs.filter(person_id=person_id)
    return qs


def finding_get(*, finding_id: int) -> Finding | None:
    return Finding.objects.filter(pk=finding_id).first()


def proposal_list(*, status: str | None = None, overdue: bool = False):
    """A-04: pending first, the overdue among them first, then by their decision deadline; the decided
    after, newest first."""
    qs = Proposal.objects.all()
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status=PENDING, overdue=True)
    pending_first = Case(When(status=PENDING, then=Value(0)), default=Value(1))
    return qs.order_by(pending_first, "-overdue", F("due_at").asc(nulls_last=True), "-created_at", "-id")


def praise_note_list():
    return PraiseNote.objects.all()


def _months(now) -> tuple[date, date]:
    this_month = timezone.localtime(now).date().replace(day=1)
    return this_month, (this_month - timedelta(days=1)).replace(day=1)


def supervisor_todo(*, now) -> dict:
    """The supervisor's workbench (A-02, A-04): proposals to decide (the overdue first, the first five),
    this month's findings, and last month's sheets still to compile or to sign. Five queries."""
    this_month, last_month = _months(now)
    counts = Proposal.objects.filter(status=PENDING).aggregate(
        pending=Count("id"), overdue=Count("id", filter=Q(overdue=True)))
    findings = Finding.objects.filter(month=this_month).aggregate(n=Count("id"), steps=Count("id", filter=~Q(step="")))
    people = Finding.objects.filter(month=last_month).values("person_id").distinct().count()
    sheets = dict(Sheet.objects.filter(month=last_month).values("status").annotate(n=Count("id"))
                  .values_list("status", "n"))
    done = sheets.get(Sheet.COMPILED, 0) + sheets.get(Sheet.SIGNED, 0)
    return {"pending": counts["pending"], "overdue": counts["overdue"],
            "first": list(proposal_list(status=PENDING)[:5]), "findings": findings["n"],
            "steps": findings["steps"], "this_month": this_month, "last_month": last_month,
            "to_compile": max(people - done, 0), "to_sign": sheets.get(Sheet.COMPILED, 0)}


def director_todo(*, now) -> dict:
    """The director's workbench (A-01, A-02): compiled sheets waiting for the signature (any month, the
    oldest first) and the dismissal-review findings of this and last month. Three queries."""
    from modules.catalog.models import DISMISSAL_REVIEW

    this_month, last_month = _months(now)
    to_sign = sheet_list(status=Sheet.COMPILED)
    reviews = Finding.objects.filter(step=DISMISSAL_REVIEW, month__gte=last_month)
    counts = reviews.aggregate(this=Count("id", filter=Q(month=this_month)), last=Count("id", filter=Q(month=last_month)))
    return {"to_sign_count": to_sign.count(), "to_sign": list(to_sign[:5]),
            "reviews_this": counts["this"], "reviews_last": counts["last"], "this_month": this_month,
            "last_month": last_month}


def sheet_list(*, status: str = ""):
    """A-02: the office's sheets, the oldest month first (a status narrows them)."""
    qs = Sheet.objects.all()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("month", "person_name", "id")


def proposal_get(*, proposal_id: int) -> Proposal | None:
    return Proposal.objects.filter(pk=proposal_id).first()


def sheet_total(*, person_id: int, month: date) -> Decimal:
    """A-02: the month's points added to and taken from the base score (a catalog setting)."""
    points = Finding.objects.filter(person_id=person_id, month=month).aggregate(s=Sum("points"))["s"] or 0
    return Decimal(str(setting_value("assessment.base_score"))) + points


def month_people(*, month: date) -> list[dict]:
    """A-02: everyone with findings in the month, their sum and their sheet's status."""
    rows = (Finding.objects.filter(month=month).values("person_id", "person_name")
            .annotate(points=Sum("points"), pay=Sum("pay_deduction"), items=Count("id")).order_by("person_name"))
    sheets = {s.person_id: s for s in Sheet.objects.filter(month=month)}
    base = Decimal(str(setting_value("assessment.base_score")))
    return [{**row, "total": base + row["points"], "sheet": sheets.get(row["person_id"])} for row in rows]


def sheet_get(*, person_id: int, month: date) -> dict:
    """A-02: the 客服人员考核表 of one person and month: items, total, pay deductions, signatures."""
    findings = list(Finding.objects.filter(person_id=person_id, month=month).order_by("occurred_at", "id"))
    sheet = Sheet.objects.filter(person_id=person_id, month=month).first()
    base = Decimal(str(setting_value("assessment.base_score")))
    points = sum((f.points for f in findings), Decimal(0))
    return {"person_id": person_id, "person_name": findings[0].person_name if findings else
            (sheet.person_name if sheet else ""), "month": month, "findings": findings, "base": base,
            "points": points, "total": base + points, "pay": sum((f.pay_deduction for f in findings), Decimal(0)),
            "sheet": sheet, "leaders": sorted({f.recorded_by_name for f in findings if f.recorded_by_name})}


def events_of(obj) -> list[Event]:
    return list(Event.objects.filter(object_type=type(obj).__name__.lower(), object_id=obj.pk))
