"""The monthly complaint report 部门客户投诉工作月报 (C-18), office schema.

One MonthlyReport per month, drafted on the 1st from the office's own data (`figures`, computed by
selectors.report_figures), the narrative written and the notable cases picked by the director, then
submitted: head office keeps a frozen snapshot of each submission as a new version (modules/reports/hq).
A correction reopens the office's row (SUBMITTED → CORRECTING) and the next submission is version n+1;
every version stays at head office. Every action writes one MonthlyReportEvent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

DRAFT, SUBMITTED, CORRECTING = "draft", "submitted", "correcting"
STATUSES = [(DRAFT, _("草稿")), (SUBMITTED, _("已上报")), (CORRECTING, _("更正中"))]
EDITABLE = (DRAFT, CORRECTING)

# action → {from status: to status}; an action missing for the current status is refused (409)
TRANSITIONS: dict[str, dict[str, str]] = {
    "edit": {DRAFT: DRAFT, CORRECTING: CORRECTING},
    "pick": {DRAFT: DRAFT, CORRECTING: CORRECTING},  # notable cases
    "refresh": {DRAFT: DRAFT, CORRECTING: CORRECTING},  # figures counted again from today's data
    "submit": {DRAFT: SUBMITTED, CORRECTING: SUBMITTED},
    "correct": {SUBMITTED: CORRECTING},
}

# the narrative parts the director writes (field, label), in the 月报's order; each at most NARRATIVE_MAX
NARRATIVE = [
    ("summary", _("本月投诉情况综述")),
    ("analysis", _("主要问题及原因分析")),
    ("measures", _("整改措施及下月工作计划")),
]
NARRATIVE_MAX = limits.NOTE
NOTABLE_MAX = 10  # notable cases a report names
EVENT_LABELS = {"drafted": _("起草"), "edited": _("修改"), "picked": _("选定典型案例"), "refreshed": _("重新统计"),
                "submitted": _("上报总部"), "correcting": _("开始更正")}


class MonthlyReport(models.Model):
    month = models.DateField(_("月份"), unique=True)  # the first day of the month reported on
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=DRAFT, db_index=True)
    figures = models.JSONField(default=dict)  # selectors.report_figures, as drafted or last refreshed
    drafted_at = models.DateTimeField()
    figures_at = models.DateTimeField()  # when the figures were counted
    due_on = models.DateField(_("上报截止日"))  # catalog reports.monthly_due_day of the next month (C-18)
    summary = models.TextField(_("本月投诉情况综述"), blank=True, max_length=NARRATIVE_MAX)
    analysis = models.TextField(_("主要问题及原因分析"), blank=True, max_length=NARRATIVE_MAX)
    measures = models.TextField(_("整改措施及下月工作计划"), blank=True, max_length=NARRATIVE_MAX)
    notable_ids = models.JSONField(default=list, blank=True)  # complaint ids the director picked, in order
    version = models.PositiveIntegerField(_("已上报版本"), default=0)  # the last version head office holds
    submitted_at = models.DateTimeField(_("上报时间"), null=True, blank=True)
    submitted_by_name = models.CharField(_("上报人"), max_length=64, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    edited_by_name = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE


class MonthlyReportEvent(models.Model):
    """One line of a report's history: drafted, edited, picked, refreshed, submitted (version), corrected."""

    report = models.ForeignKey(MonthlyReport, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=32)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=64, blank=True)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True, max_length=limits.LINE)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}:{self.kind}"

    @property
    def kind_label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))
