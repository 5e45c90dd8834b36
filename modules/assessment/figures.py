"""The staff-assessment figures offices push to head office (core/figures; A-02)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.figures.registry import DEN, NUM, SCORE, figure_register

SCORE_TOTALS = "assessment.score"


def score_totals(start: date, end: date):
    """A-02: the month's 考核表 totals of the people assessed (selectors.month_people: base score + the
    month's points, per person). The figure is their average; NUM is the sum of the totals and DEN the
    people counted, so a group average is Σ num ÷ Σ den (never an average of averages). Also the points
    given and taken in all, and the sheets signed. None (no rows) when nobody was assessed."""
    from modules.assessment.selectors import month_people

    people = month_people(month=start)
    count = len(people)
    total = sum((Decimal(p["total"]) for p in people), Decimal(0))
    points = sum((Decimal(p["points"]) for p in people), Decimal(0))
    signed = sum(1 for p in people if p["sheet"] is not None and p["sheet"].status == "signed")
    average = (total / count).quantize(Decimal("0.01")) if count else None
    return [("", average), (NUM, total), (DEN, Decimal(count)), ("points", points), ("signed", signed)]


def register() -> None:
    figure_register(name=SCORE_TOTALS, label=_("考核平均得分"), kind=SCORE, compute=score_totals)
