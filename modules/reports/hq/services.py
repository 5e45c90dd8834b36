"""Head office's writes of the monthly complaint report (C-18), hq schema, called only through
tenants/bridge.py (expectations, submissions) and the `reports.late` clock (modules/reports/hq/clocks.py).
A submission locks its expectation row, checks models.TRANSITIONS, writes the frozen version with its
flattened figures and an event; head office's quality managers are told after commit."""

from __future__ import annotations

from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from core.clocks import Notice
from core.errors import NotAllowedNow
from core.permissions import HQ_QUALITY_MANAGER, OFFICE_DIRECTOR
from modules.reports import deadlines
from modules.reports.flat import flatten
from modules.reports.hq import models as m
from modules.reports.hq.models import (
    MonthTotal,
    ReportExpectation,
    ReportExpectationEvent,
    SubmittedFigure,
    SubmittedReport,
)


def expectations_ensure(*, month: date, offices: list[tuple[int, str, str]]) -> int:
    """One expectation per office (id, slug, name) for `month`, made once (ON CONFLICT DO NOTHING: a second
    run adds nothing). Returns how many offices are expected that month."""
    first = deadlines.month_first(month)
    due = deadlines.due_at(first)
    ReportExpectation.objects.bulk_create(
        [ReportExpectation(office_id=pk, office_slug=slug, office_name=name[:128], month=first, due_at=due)
         for pk, slug, name in offices], ignore_conflicts=True, batch_size=500)
    return ReportExpectation.objects.filter(month=first).count()


def _expectation_locked(*, office, month: date) -> ReportExpectation:
    first = deadlines.month_first(month)
    ReportExpectation.objects.bulk_create([ReportExpectation(
        office_id=office.pk, office_slug=office.slug, office_name=office.name[:128], month=first,
        due_at=deadlines.due_at(first))], ignore_conflicts=True)
    return ReportExpectation.objects.select_for_update().get(office_id=office.pk, month=first)


def report_receive(*, office, month: date, version: int, snapshot: dict, by_name: str,
                   at: datetime | None = None) -> SubmittedReport:
    """C-18: an office's report as submitted, frozen as version `version` (the next one head office
    expects: 1, then 2 for the first correction …). Earlier versions stay as they were."""
    at = at or timezone.now()
    row = _expectation_locked(office=office, month=month)
    allowed = m.TRANSITIONS["submit"]
    if row.status not in allowed:
        raise NotAllowedNow("该月报当前不能上报。", code="submit_not_allowed")
    if version != row.version + 1:
        raise NotAllowedNow(f"总部已有第 {row.version} 版，本次应为第 {row.version + 1} 版。",
                            code="report_version_conflict")
    late = at >= row.due_at
    replaced = row.current_id
    report = SubmittedReport.objects.create(
        office_id=office.pk, office_slug=office.slug, office_name=office.name[:128], month=row.month,
        version=version, snapshot=snapshot, submitted_at=at, submitted_by=by_name[:64], late=late)
    figures = flatten(snapshot.get("figures") or {})
    SubmittedFigure.objects.bulk_create([SubmittedFigure(report=report, key=key, value=value)
                                         for key, value in figures.items()])
    _totals_move(month=row.month, add=figures, replaced_report_id=replaced)
    ReportExpectationEvent.objects.create(expectation=row, kind="submitted", at=at, actor=by_name[:64],
                                          from_status=row.status, to_status=allowed[row.status],
                                          note=f"第 {version} 版" + ("（逾期）" if late else ""))
    row.status, row.current, row.version = allowed[row.status], report, version
    if row.first_submitted_at is None:
        row.first_submitted_at, row.submitted_late = at, late
    row.save(update_fields=["status", "current", "version", "first_submitted_at", "submitted_late"])
    title = f"{office.name} {row.month:%Y-%m} 投诉工作月报已上报（第 {version} 版）"
    transaction.on_commit(lambda: _tell_quality(title=title, report_id=report.pk))
    return report


_TOTALS_UPSERT = """INSERT INTO {table} (month, key, total)
SELECT %s, d.key, d.delta FROM unnest(%s::text[], %s::numeric[]) AS d(key, delta)
ON CONFLICT (month, key) DO UPDATE SET total = {table}.total + EXCLUDED.total"""


def _totals_move(*, month: date, add: dict, replaced_report_id: int | None) -> None:
    """The month's group totals (MonthTotal) with the new version's figures in and the replaced version's
    out: one read of the replaced figures, one upsert adding the differences (rows of other offices'
    submissions at the same moment are locked by the upsert and added to, never overwritten)."""
    delta = dict(add)
    if replaced_report_id:
        for key, value in SubmittedFigure.objects.filter(report_id=replaced_report_id).values_list("key", "value"):
            delta[key] = delta.get(key, 0) - value
    keys = sorted(k for k, v in delta.items() if v)
    if not keys:
        return
    table = connection.ops.quote_name(MonthTotal._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_TOTALS_UPSERT.format(table=table), [month, keys, [delta[k] for k in keys]])


def _tell_quality(*, title: str, report_id: int) -> None:
    from django.urls import reverse

    from core.notifications.services import notification_send_to_roles
    from tenants.selectors import hq_tenant

    hq = hq_tenant()
    if hq is None:
        return
    notification_send_to_roles(tenant=hq, roles=[HQ_QUALITY_MANAGER], title=title, email=False,
                               url=reverse("reports_hq:submitted", args=[report_id], urlconf="core.urls.hq"),
                               dedupe_key=f"report-submitted:{report_id}")


def late_mark(row: ReportExpectation, now: datetime) -> Notice:
    """C-18, the `reports.late` clock: past the due day with nothing submitted. Once per expectation (the
    marker `late_told_at`): the status, an event, the office's director told on the office's host, and
    head office's quality managers told (the Notice the engine writes)."""
    from django.urls import reverse

    from core.notifications.services import notification_send_to_roles
    from tenants.models import Tenant

    to = m.TRANSITIONS["late"][row.status]
    ReportExpectationEvent.objects.create(expectation=row, kind="late", at=now, actor="系统",
                                          from_status=row.status, to_status=to, note="逾期未报")
    row.status, row.late_told_at = to, now
    row.save(update_fields=["status", "late_told_at"])
    title = f"{row.office_name} {row.month:%Y-%m} 投诉工作月报逾期未报"
    office = Tenant.objects.filter(pk=row.office_id, type=Tenant.OFFICE, is_active=True).first()
    if office is not None:
        notification_send_to_roles(tenant=office, roles=[OFFICE_DIRECTOR], title=title,
                                   body=f"截止日 {deadlines.due_on(row.month):%Y-%m-%d}，请尽快上报。",
                                   url=reverse("reports:list", urlconf="core.urls.office"),
                                   dedupe_key=late_key(row))
    return Notice(to=lambda members: members.users(members.with_roles(HQ_QUALITY_MANAGER)), title=title,
                  url=reverse("reports_hq:overview", urlconf="core.urls.hq") + f"?month={row.month:%Y-%m}",
                  key=late_key(row))


def late_key(row: ReportExpectation, threshold: str = "late") -> str:
    """Once per office and month (C-18: told once)."""
    return f"report-late:{row.office_id}:{row.month:%Y-%m}"
