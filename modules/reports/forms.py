"""Forms of the monthly report pages (C-18). Every text is bounded (core/limits.py)."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import limits
from modules.reports.models import NARRATIVE_MAX, NOTABLE_MAX


class ReportForm(forms.Form):
    summary = forms.CharField(label=_("本月投诉情况综述"), required=False, max_length=NARRATIVE_MAX,
                              widget=forms.Textarea(attrs={"rows": 5}))
    analysis = forms.CharField(label=_("主要问题及原因分析"), required=False, max_length=NARRATIVE_MAX,
                               widget=forms.Textarea(attrs={"rows": 4}))
    measures = forms.CharField(label=_("整改措施及下月工作计划"), required=False, max_length=NARRATIVE_MAX,
                               widget=forms.Textarea(attrs={"rows": 4}))
    complaint_ids = forms.TypedMultipleChoiceField(label=_("典型案例"), required=False, coerce=int,
                                                   widget=forms.CheckboxSelectMultiple,
                                                   help_text=_("最多选 %(n)s 件") % {"n": NOTABLE_MAX})

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complaint_ids"].choices = [
            (c.pk, f"{c.number} {c.received_at:%m-%d} {c.content[:40]}") for c in candidates]


class CorrectForm(forms.Form):
    reason = forms.CharField(label=_("更正原因"), max_length=limits.LINE,
                             widget=forms.TextInput(attrs={"size": 40}))


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def month_parse(text: str | None) -> date | None:
    """"2026-11" → date(2026, 11, 1); anything else (or a year out of bounds) → None."""
    match = _MONTH.match((text or "").strip()[:limits.CODE])
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (settings.INPUT_DATE_MIN_YEAR <= year <= settings.INPUT_DATE_MAX_YEAR and 1 <= month <= 12):
        return None
    return date(year, month, 1)


class MonthForm(forms.Form):
    """?month=YYYY-MM (head office pages and API)."""

    month = forms.CharField(label=_("月份"), required=False, max_length=limits.CODE)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[
        ("", _("全部")), ("submitted", _("已上报")), ("late", _("逾期未报")), ("expected", _("待上报"))])
    q = forms.CharField(label=_("管理处"), required=False, max_length=limits.SEARCH)

    def clean_month(self):
        text = self.cleaned_data.get("month") or ""
        if not text:
            return None
        value = month_parse(text)
        if value is None:
            raise forms.ValidationError(_("月份格式为 YYYY-MM"))
        return value
