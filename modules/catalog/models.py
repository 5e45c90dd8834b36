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
    """A group decision on top of the official calendar: this date is (not) a working day."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("工作日"))
    note = models.CharField(_("说明"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'工作日' if self.is_working_day else '休息日'}"
