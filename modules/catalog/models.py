"""The group catalog (public schema): settings set by group administrators (R-03).

Every number of the rule book marked *configurable* is a `Setting` with its default in
modules/catalog/defaults.py. Settings are versioned with an effective date (S-08): a change applies
from its date on and never rewrites the past."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Setting(models.Model):
    key = models.CharField(_("键"), max_length=64, db_index=True)
    value = models.JSONField(_("值"))
    effective_from = models.DateTimeField(_("生效时间"))
    note = models.CharField(_("说明"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-effective_from", "-id"]
        indexes = [models.Index(fields=["key", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.key}={self.value} @ {self.effective_from:%Y-%m-%d}"


class CalendarOverride(models.Model):
    """One change of a group decision on top of the official calendar: from now on this date is
    (not) a working day, or — `is_working_day` empty — follows the official calendar again.

    Rows are never edited or deleted: the decision in force for a date is its latest row
    (selectors.calendar_override_table); earlier rows are its history (who, when, what)."""

    date = models.DateField(_("日期"))  # indexed with created_at below
    is_working_day = models.BooleanField(_("工作日"), null=True)
    note = models.CharField(_("说明"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "-created_at", "-id"]
        indexes = [models.Index(fields=["date", "-created_at", "-id"], name="catalog_cal_current_idx")]

    def __str__(self) -> str:
        if self.is_working_day is None:
            return f"{self.date} 恢复国家日历"
        return f"{self.date} {'工作日' if self.is_working_day else '休息日'}"


# --- assessment scoring rules (A-01, A-03, A-06, S-08) -------------------------------------------------
SCORING_CATEGORIES = [
    ("etiquette", _("仪容仪表")), ("conduct", _("言行规范")), ("attendance", _("考勤")),
    ("training", _("培训")), ("praise", _("表扬")), ("complaint", _("投诉")),
]
DEDUCT, ADD = "deduct", "add"
DIRECTIONS = [(DEDUCT, _("扣分")), (ADD, _("加分"))]
# A-01 the escalation ladder's steps within one calendar month
WARNING, DEMERIT, DISMISSAL_REVIEW = "warning", "demerit", "dismissal_review"
LADDER_ACTIONS = [(WARNING, _("警告")), (DEMERIT, _("记过")), (DISMISSAL_REVIEW, _("自动离职审查"))]


class ScoringRule(models.Model):
    """A scoring rule's identity (A-01): its code never changes; what it says is in its versions."""

    code = models.CharField(_("编号"), max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ScoringRuleVersion(models.Model):
    """What a scoring rule says from `effective_from` on (S-08). Never edited: a change is a new version,
    and a finding keeps the id of the version it was made under, so a later change rewrites nothing.

    Points are magnitudes (`direction` says deduct or add); a fixed value has points_min == points_max.
    `ladder` is a list of steps within one calendar month (A-01):
    `[{"count": 3, "action": "warning", "extra_min": "1", "extra_max": "3"}, …]` — the step with the
    count reached applies; the last step applies to every later time too."""

    rule = models.ForeignKey(ScoringRule, on_delete=models.PROTECT, related_name="versions")
    effective_from = models.DateTimeField(_("生效时间"))
    category = models.CharField(_("类别"), max_length=16, choices=SCORING_CATEGORIES)
    description = models.CharField(_("内容"), max_length=255)
    direction = models.CharField(_("加/扣分"), max_length=8, choices=DIRECTIONS, default=DEDUCT)
    points_min = models.DecimalField(_("最低分"), max_digits=6, decimal_places=2)
    points_max = models.DecimalField(_("最高分"), max_digits=6, decimal_places=2)
    pay_deduction = models.DecimalField(_("扣款（元）"), max_digits=12, decimal_places=2, default=0)
    ladder = models.JSONField(_("累计处分"), default=list, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rule__code", "-effective_from", "-id"]
        indexes = [models.Index(fields=["rule", "effective_from"], name="catalog_srv_rule_from_idx")]

    def __str__(self) -> str:
        return f"{self.rule_id}@{self.effective_from:%Y-%m-%d}"

    @property
    def fixed(self) -> bool:
        return self.points_min == self.points_max
