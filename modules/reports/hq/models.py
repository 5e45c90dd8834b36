"""Head office's side of the monthly complaint report (C-18), hq schema. Rows arrive only through
tenants/bridge.py (`monthly_report_expect`, `monthly_report_submit`); head office never reads an office.

ReportExpectation: one row per office and month that head office expects a report for (made when the
month's drafting beat runs), with its due time; the `reports.late` clock marks it late once and tells the
quality manager and the office director. SubmittedReport: one frozen version of an office's report (the
whole snapshot); a correction is a new version and never touches the earlier one. SubmittedFigure: the
version's figures flattened (key, value); MonthTotal: their running sum over the offices' current versions,
so the consolidated report reads a fixed number of rows whatever the number of offices. Offices are referred to by their public tenant id plus slug and name, as in modules.hq."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

EXPECTED, LATE, SUBMITTED = "expected", "late", "submitted"
STATUSES = [(EXPECTED, _("待上报")), (LATE, _("逾期未报")), (SUBMITTED, _("已上报"))]
TRANSITIONS: dict[str, dict[str, str]] = {
    "late": {EXPECTED: LATE},  # the clock, once
    "submit": {EXPECTED: SUBMITTED, LATE: SUBMITTED, SUBMITTED: SUBMITTED},  # a correction: same status
}


class _Frozen(models.Model):
    """Written once, never edited nor deleted (a correction is a new version)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("a submitted report is never edited (C-18): a correction is a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("a submitted report is never deleted (C-18)")


class ReportExpectation(models.Model):
    office_id = models.BigIntegerField(_("管理处ID"))
    office_slug = models.CharField(_("管理处标识"), max_length=63)
    office_name = models.CharField(_("管理处"), max_length=128)
    month = models.DateField(_("月份"))  # the first day of the month reported on
    due_at = models.DateTimeField(_("截止时间"), db_index=True)  # the end of the due day (Asia/Shanghai)
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=EXPECTED)
    current = models.ForeignKey("SubmittedReport", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")  # the latest version
    version = models.PositiveIntegerField(_("版本"), default=0)
    first_submitted_at = models.DateTimeField(_("首次上报"), null=True, blank=True)
    submitted_late = models.BooleanField(_("逾期上报"), default=False)
    late_told_at = models.DateTimeField(null=True, blank=True)  # the clock's once-only marker
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month", "office_name", "office_id"]
        constraints = [models.UniqueConstraint(fields=["office_id", "month"], name="reports_expect_one_per_month")]
        indexes = [models.Index(fields=["month", "status"], name="reports_expect_month_status")]

    def __str__(self) -> str:
        return f"{self.office_name} {self.month:%Y-%m}"


class ReportExpectationEvent(models.Model):
    """One line of an expectation's history at head office: expected, submitted (version), late."""

    expectation = models.ForeignKey(ReportExpectation, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=32)
    at = models.DateTimeField()
    actor = models.CharField(max_length=64, blank=True)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True, max_length=limits.LINE)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.expectation_id}:{self.kind}"


class SubmittedReport(_Frozen):
    office_id = models.BigIntegerField(_("管理处ID"))
    office_slug = models.CharField(_("管理处标识"), max_length=63)
    office_name = models.CharField(_("管理处"), max_length=128)
    month = models.DateField(_("月份"))
    version = models.PositiveIntegerField(_("版本"))
    snapshot = models.JSONField(_("上报内容"))
    submitted_at = models.DateTimeField(_("上报时间"))
    submitted_by = models.CharField(_("上报人"), max_length=64, blank=True)
    late = models.BooleanField(_("逾期上报"), default=False)

    class Meta:
        ordering = ["month", "office_id", "version"]
        constraints = [models.UniqueConstraint(fields=["office_id", "month", "version"],
                                               name="reports_submitted_one_version")]

    def __str__(self) -> str:
        return f"{self.office_name} {self.month:%Y-%m} v{self.version}"


class SubmittedFigure(_Frozen):
    """One figure of one submitted version: `key` like "received", "class:valid", "category:repairs",
    "on_time:num"; summed across the offices' current versions by the consolidated report."""

    report = models.ForeignKey(SubmittedReport, on_delete=models.PROTECT, related_name="figure_rows")
    key = models.CharField(max_length=80)
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="reports_figure_once")]

    def __str__(self) -> str:
        return f"{self.report_id} {self.key}={self.value}"


class MonthTotal(models.Model):
    """The group's running sum of one figure key over the offices' current versions of a month, kept by
    each submission (services.report_receive adds the new version's figures and takes away the version it
    replaces, in the same transaction), so the consolidated report reads a few dozen rows whatever the
    number of offices."""

    month = models.DateField(_("月份"))
    key = models.CharField(max_length=80)
    total = models.DecimalField(max_digits=16, decimal_places=2, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "key"], name="reports_month_total_once")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.key}={self.total}"
