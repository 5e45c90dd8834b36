from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from modules.visits import models as m


class QueueFilterForm(forms.Form):
    source_kind = forms.ChoiceField(label=_("来源"), required=False, choices=[("", _("全部"))] + m.SOURCE_KINDS)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=m.STATUSES)
    due_today = forms.BooleanField(label=_("今日到期"), required=False)
    overdue = forms.BooleanField(label=_("已超时"), required=False)


class AttemptForm(forms.Form):
    method = forms.ChoiceField(label=_("方式"), choices=m.METHODS)
    reached = forms.BooleanField(label=_("已联系上"), required=False)
    note = forms.CharField(label=_("备注"), required=False, max_length=500)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("回访结果"), choices=m.ANSWERS, widget=forms.RadioSelect)
    words = forms.CharField(label=_("客户意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class SummaryForm(forms.Form):
    narrative = forms.CharField(label=_("总结"), required=False, max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 8}))
