"""Builders for monthly report tests (C-18). MONTH is a past month the shared test world leaves empty."""

from __future__ import annotations

from datetime import date, datetime

from django_tenants.utils import schema_context

from core.calendar import SHANGHAI

MONTH = date(2026, 10, 1)


def at(day: int, hour: int = 10, month: date = MONTH) -> datetime:
    return datetime(month.year, month.month, day, hour, tzinfo=SHANGHAI)


def drafted(world, office=None, *, month: date = MONTH, summary: str = ""):
    """The month's report of `office` (alpha), drafted, with a summary when given."""
    from modules.reports import services

    office = office or world.alpha
    with schema_context(office.schema_name):
        report, _new = services.report_draft(month=month)
        if summary:
            report = services.report_edit(user=world.users[(office.slug, "office_director")], report_id=report.pk,
                                          summary=summary)
        return report


def submitted(world, office=None, *, month: date = MONTH, summary: str = "本月投诉平稳"):
    from modules.reports import services

    office = office or world.alpha
    report = drafted(world, office, month=month, summary=summary)
    with schema_context(office.schema_name):
        return services.report_submit(user=world.users[(office.slug, "office_director")], report_id=report.pk,
                                      office=office)
