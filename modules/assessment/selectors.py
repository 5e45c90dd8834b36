"""Reads of the assessment module (A-02): findings, proposals, the monthly sheet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum

from modules.assessment.models import Event, Finding, Proposal, Sheet
from modules.catalog.selectors import setting_value


def finding_list(*, month: date | None = None, person_id: int | None = None):
    qs = Finding.objects.all()
    if month:
        qs = qs.filter(month=month)
    if person_id:
        qs = qs.filter(person_id=person_id)
    return qs


def finding_get(*, finding_id: int) -> Finding | None:
    return Finding.objects.filter(pk=finding_id).first()


def proposal_list(*, status: str | None = None):
    qs = Proposal.objects.all()
    return qs.filter(status=status) if status else qs


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
