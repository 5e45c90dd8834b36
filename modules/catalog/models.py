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
