"""Demo monthly complaint reports (C-18), through modules.reports services and the bridge: for the last two
months each demo office's report is drafted; the first offices submit both (the second office corrects one,
so head office keeps two versions) and the last office never submits the older month, which the late clock
marks. Submissions of a past month are dated the 4th of the next month (demo only: they are made today),
so head office's pages show on-time and late offices. Skipped when head office already holds reports."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django_tenants.utils import schema_context

from core.calendar import SHANGHAI
from core.demo.base import local_now, staff_of

SUMMARY = "本月共受理投诉 {n} 件，以维修、保洁类为主，均已按程序处理；集体投诉已上门回复。"
ANALYSIS = "维修类投诉集中在老旧楼栋的给排水设施，部分回复超时源于配件采购周期。"
MEASURES = "下月对给排水设施做专项巡查，维修配件建立常用库存；主任继续按月回访投诉客户。"


def _backdate(*, office, month, hq) -> None:
    """The demo's past submissions as if made on the 4th of the next month (in time)."""
    from modules.reports import deadlines
    from modules.reports.hq.models import ReportExpectation, SubmittedReport
    from modules.reports.models import MonthlyReport

    day = deadlines.next_month(month).replace(day=4)
    moment = datetime(day.year, day.month, day.day, 16, tzinfo=SHANGHAI)
    with schema_context(office.schema_name):
        MonthlyReport.objects.filter(month=month).update(submitted_at=moment)
    with schema_context(hq.schema_name):
        SubmittedReport.objects.filter(office_id=office.pk, month=month, version=1).update(
            submitted_at=moment, late=False)
        ReportExpectation.objects.filter(office_id=office.pk, month=month).update(
            first_submitted_at=moment, submitted_late=False)


def reports_seed(offices: list) -> None:
    from core.clocks.engine import clock_run
    from modules.reports import deadlines, services
    from modules.reports.hq.models import SubmittedReport
    from tenants.bridge import monthly_report_expect
    from tenants.selectors import hq_tenant

    hq = hq_tenant()
    with schema_context(hq.schema_name):
        if SubmittedReport.objects.exists():
            return
    last = deadlines.previous_month(local_now().date())
    older = deadlines.previous_month(last)
    for month in (older, last):
        monthly_report_expect(month=month, offices=offices)
    for index, office in enumerate(offices):
        director = staff_of(office).get("office_director")
        if director is None:
            continue
        with schema_context(office.schema_name), transaction.atomic():
            for month in (older, last):
                report, _new = services.report_draft(month=month)
                services.report_edit(user=director, report_id=report.pk,
                                     summary=SUMMARY.format(n=report.figures.get("received", 0)),
                                     analysis=ANALYSIS, measures=MEASURES)
                if index == len(offices) - 1:
                    continue  # the last office has not sent its reports: the older month is late
                services.report_submit(user=director, report_id=report.pk, office=office)
                if month == older:
                    _backdate(office=office, month=month, hq=hq)
                if index == 1 and month == older:  # a correction: head office keeps both versions
                    services.report_correct(user=director, report_id=report.pk, reason="补报一起集体投诉的处理结果")
                    services.report_edit(user=director, report_id=report.pk,
                                         measures=MEASURES + "集体投诉事件已全部回访。")
                    services.report_submit(user=director, report_id=report.pk, office=office)
    with schema_context(hq.schema_name):
        clock_run(name="reports.late", tenant=hq)
