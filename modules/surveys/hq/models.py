"""What head office knows of a survey wave (V-03, V-04), hq schema: one row per wave and office, the
counts the office last pushed through tenants/bridge.py. Head office never reads an office schema; its
result pages read these rows only. Offices are named by their public tenant id, slug and name (no foreign
key across schemas)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeWaveResult(models.Model):
    wave_id = models.BigIntegerField(_("调查"))
    office_id = models.BigIntegerField(_("管理处ID"))
    office_slug = models.CharField(_("管理处标识"), max_length=63)
    office_name = models.CharField(_("管理处"), max_length=128)
    respondents = models.PositiveIntegerField(_("答卷户数"), default=0)
    # {"<question id>": {"answered": n, "options": {"<option id>": n}, "scale": {"1".."5": n}}}
    questions = models.JSONField(default=dict)
    # V-04: graded answers of the rated questions, {"satisfied": n, "basically_satisfied": n, "dissatisfied": n}
    by_answer = models.JSONField(default=dict)
    counted_at = models.DateTimeField(_("统计时间"))  # at the office; an older push never overwrites a newer one
    received_at = models.DateTimeField(_("收到时间"))

    class Meta:
        ordering = ["office_name", "office_id"]
        constraints = [models.UniqueConstraint(fields=["wave_id", "office_id"], name="survey_hq_wave_office")]

    def __str__(self) -> str:
        return f"{self.wave_id} {self.office_name}"
