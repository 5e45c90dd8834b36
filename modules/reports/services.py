"""Writes of the monthly complaint report (C-18), office schema. Each state change locks the row, checks
models.TRANSITIONS, writes a MonthlyReportEvent and leaves its side effects to the commit; a submission
goes to head office through tenants.bridge.monthly_report_submit inside the same transaction, so the
office's row and head office's frozen version are written together or not at all."""

from __future__ import annotations

import logging
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import limits
from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.reports import deadlines
from modules.reports import models as m
from modules.reports.models import MonthlyReport, MonthlyReportEvent
from modules.reports.selectors import report_figures, report_snapshot

logger = logging.getLogger(__name__)


def _actor(user) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", "") or "")[:64]


def _lock(report_id: int) -> MonthlyReport:
    report = MonthlyReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise NotFound("没有这份月报。")
    return report


def _transition(report: MonthlyReport, action: str) -> str:
    allowed = m.TRANSITIONS[action]
    if report.status not in allowed:
        raise NotAllowedNow(f"月报当前状态（{report.get_status_display()}）不能执行此操作。",
                            code=f"{action}_not_allowed")
    return allowed[report.status]


def _event(report: MonthlyReport, kind: str, *, user=None, to_status: str = "", from_status: str = "",
           note: str = "", data: dict | None = None, actor: str | None = None) -> MonthlyReportEvent:
    return MonthlyReportEvent.objects.create(
        report=report, kind=kind, at=timezone.now(), actor_id=getattr(user, "pk", None),
        actor_name=_actor(user) if actor is None else actor, from_status=from_status or report.status,
        to_status=to_status or report.status, note=note[:limits.LINE], data=data or {})


def report_draft(*, month: date) -> tuple[MonthlyReport, bool]:
    """C-18: the month's report drafted from the office's own data. Idempotent: an existing report (a draft
    the director may have edited, or one already submitted) is returned untouched. Returns (report, new)."""
    first = deadlines.month_first(month)
    existing = MonthlyReport.objects.filter(month=first).first()
    if existing is not None:
        return existing, False
    figures, now = report_figures(month=first), timezone.now()
    try:
        with transaction.atomic():
            report = MonthlyReport.objects.create(month=first, figures=figures, drafted_at=now, figures_at=now,
                                                  due_on=deadlines.due_on(first))
            _event(report, "drafted", actor="系统", from_status="", to_status=m.DRAFT)
    except IntegrityError:  # another run drafted it at the same moment
        return MonthlyReport.objects.get(month=first), False
    return report, True


def report_edit(*, user, report_id: int, **narrative) -> MonthlyReport:
    """The director writes the narrative parts (models.NARRATIVE), each bounded; parts not given stay."""
    fields = [f for f, _label in m.NARRATIVE if f in narrative and narrative[f] is not None]
    for field in fields:
        text = narrative[field]
        if not isinstance(text, str) or len(text) > m.NARRATIVE_MAX:
            raise ValidationFailed("内容过长。", fields={field: [f"最多 {m.NARRATIVE_MAX} 字"]})
    with transaction.atomic():
        report = _lock(report_id)
        _transition(report, "edit")
        for field in fields:
            setattr(report, field, narrative[field].strip())
        report.edited_at, report.edited_by_name = timezone.now(), _actor(user)
        report.save(update_fields=[*fields, "edited_at", "edited_by_name"])
        _event(report, "edited", user=user, data={"fields": fields})
    return report


def report_notable_set(*, user, report_id: int, complaint_ids: list) -> MonthlyReport:
    """The notable cases the director names (at most models.NOTABLE_MAX, each a complaint of this office
    received by the month's end), in the order given."""
    from modules.complaints.models import Complaint
    from modules.reports.selectors import _bounds

    if not isinstance(complaint_ids, list | tuple) or len(complaint_ids) > m.NOTABLE_MAX:
        raise ValidationFailed("典型案例过多。", fields={"complaint_ids": [f"最多 {m.NOTABLE_MAX} 件"]})
    try:
        ids = list(dict.fromkeys(int(i) for i in complaint_ids if not isinstance(i, bool)))
    except (TypeError, ValueError):
        raise ValidationFailed("请选择投诉。", fields={"complaint_ids": ["须为投诉编号 ID"]}) from None
    if len(ids) != len(complaint_ids) or any(i <= 0 for i in ids):
        raise ValidationFailed("请选择投诉。", fields={"complaint_ids": ["须为不重复的投诉 ID"]})
    with transaction.atomic():
        report = _lock(report_id)
        _transition(report, "pick")
        _start, end = _bounds(report.month)
        known = set(Complaint.objects.filter(pk__in=ids, received_at__lt=end).values_list("pk", flat=True))
        if known != set(ids):
            raise ValidationFailed("所选投诉不在本月报范围内。", fields={"complaint_ids": ["所选投诉不在本月报范围内"]})
        report.notable_ids = ids
        report.save(update_fields=["notable_ids"])
        _event(report, "picked", user=user, data={"complaint_ids": ids})
    return report


def report_refresh(*, user, report_id: int) -> MonthlyReport:
    """The figures counted again from today's data (late replies, visits answered since the 1st); the
    narrative and the picked cases stay."""
    with transaction.atomic():
        report = _lock(report_id)
        _transition(report, "refresh")
        report.figures, report.figures_at = report_figures(month=report.month), timezone.now()
        report.save(update_fields=["figures", "figures_at"])
        _event(report, "refreshed", user=user)
    return report


def report_submit(*, user, report_id: int, office) -> MonthlyReport:
    """C-18: the director sends the report to head office, which keeps this version frozen (version 1,
    then one more for each correction). The summary is required."""
    from tenants.bridge import monthly_report_submit

    with transaction.atomic():
        report = _lock(report_id)
        to = _transition(report, "submit")
        if not report.summary.strip():
            raise ValidationFailed("请先填写本月投诉情况综述。", fields={"summary": ["上报前请填写综述"]})
        now, by = timezone.now(), _actor(user)
        version = report.version + 1
        snapshot = {**report_snapshot(report=report, office=office), "version": version,
                    "submitted_at": now.isoformat(), "submitted_by": by}
        monthly_report_submit(office=office, month=report.month, version=version, snapshot=snapshot, by_name=by)
        _event(report, "submitted", user=user, to_status=to, note=f"第 {version} 版", data={"version": version})
        report.status, report.version, report.submitted_at, report.submitted_by_name = to, version, now, by
        report.save(update_fields=["status", "version", "submitted_at", "submitted_by_name"])
    return report


def report_correct(*, user, report_id: int, reason: str) -> MonthlyReport:
    """C-18: a submitted report is corrected by a new version: the row opens again for editing (head office
    keeps the version it holds); the next submission is the next version."""
    reason = (reason or "").strip()
    if not reason or len(reason) > limits.LINE:
        raise ValidationFailed("请填写更正原因。", fields={"reason": [f"请填写更正原因（最多 {limits.LINE} 字）"]})
    with transaction.atomic():
        report = _lock(report_id)
        to = _transition(report, "correct")
        _event(report, "correcting", user=user, to_status=to, note=reason)
        report.status = to
        report.save(update_fields=["status"])
    return report


def reports_draft_every_office(*, today: date | None = None, offices=None) -> dict:
    """The beat of the 1st at 02:00 (C-18): last month's report drafted in every active office, each in its
    own schema and transaction (core.sweeps: a failing office is logged, the others are drafted), then head
    office told which offices it expects a report from (tenants.bridge.monthly_report_expect)."""
    from core.calendar import local
    from core.sweeps import for_each_office
    from tenants.bridge import monthly_report_expect
    from tenants.selectors import office_list

    month = deadlines.previous_month(today or local(timezone.now()).date())
    offices = list(office_list() if offices is None else offices)
    drafted = for_each_office(name="monthly complaint report", offices=offices,
                              sweep=lambda *, office: report_draft(month=month)[1])
    try:
        monthly_report_expect(month=month, offices=offices)
    except NotFound:  # no head office yet (a fresh install): the offices' drafts stand on their own
        logger.warning("monthly complaint report: no head office to expect %s's reports", month)
    return drafted
