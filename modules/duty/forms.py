"""Forms of the duty pages; they only parse input, the services decide (D-01..D-07)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateField, BoundedDateTimeField
from modules.duty.models import DutyRequest, HandoverItem, LogEntry, Post, ShiftTemplate
from modules.duty.people import office_staff


def _staff_choices():
    return [("", "—")] + [(u.pk, str(u)) for u in office_staff()]


class EntryForm(forms.Form):
    occurred_at = BoundedDateTimeField(label=_("时间"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                      input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    kind = forms.ChoiceField(label=_("类别"), choices=LogEntry.KINDS)
    content = forms.CharField(max_length=limits.TEXT, label=_("内容"), widget=forms.Textarea(attrs={"rows": 2}))
    action = forms.CharField(max_length=limits.NOTE, label=_("处理措施"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    result = forms.CharField(max_length=limits.NOTE, label=_("结果"), required=False)
    note = forms.CharField(max_length=limits.NOTE, label=_("备注"), required=False)
    important = forms.BooleanField(label=_("重要（未完成不得交班）"), required=False)
    abnormal = forms.BooleanField(label=_("巡查发现异常（须填写处理措施）"), required=False)


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=LogEntry.KINDS)
    content = forms.CharField(max_length=limits.TEXT, label=_("内容"), widget=forms.Textarea(attrs={"rows": 2}))
    action = forms.CharField(max_length=limits.NOTE, label=_("处理措施"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    result = forms.CharField(max_length=limits.NOTE, label=_("结果"), required=False)
    note = forms.CharField(max_length=limits.NOTE, label=_("更正说明"), required=False)


class AssignmentForm(forms.Form):
    date = BoundedDateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    until = BoundedDateField(label=_("至（可选，连续排班）"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    shift = forms.ModelChoiceField(label=_("班次"), queryset=ShiftTemplate.objects.filter(is_active=True))
    person = forms.TypedChoiceField(label=_("值班人"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _staff_choices()


class ShiftForm(forms.Form):
    code = forms.SlugField(max_length=limits.of(ShiftTemplate, "code"), label=_("代码"))
    name = forms.CharField(max_length=limits.of(ShiftTemplate, "name"), label=_("班次"))
    start = forms.TimeField(label=_("开始"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("结束"), widget=forms.TimeInput(attrs={"type": "time"}))
    post = forms.ModelChoiceField(label=_("岗位"), queryset=Post.objects.all(), required=False)
    keeps_log = forms.BooleanField(label=_("记录值班记录表"), required=False, initial=True)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)
    order = forms.IntegerField(label=_("顺序"), initial=0, min_value=0)


class PostForm(forms.Form):
    name = forms.CharField(max_length=limits.of(Post, "name"), label=_("岗位"))
    checklist = forms.CharField(max_length=limits.TEXT, label=_("交接物品（每行一项）"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)


class RequestForm(forms.Form):
    assignment = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("类型"), choices=DutyRequest.KINDS)
    swap_with = forms.IntegerField(label=_("调换的排班"), required=False)
    reason = forms.CharField(max_length=limits.NOTE, label=_("事由"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    substitute = forms.TypedChoiceField(label=_("顶班人"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(max_length=limits.NOTE, label=_("意见"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].choices = _staff_choices()


class ItemCheckForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), choices=HandoverItem.STATES[1:])
    explanation = forms.CharField(max_length=limits.NOTE, label=_("说明"), required=False)


class IncomingForm(forms.Form):
    """D-03/D-05: the supervisor names the incoming officer when nobody is rostered on the next shift."""

    person = forms.TypedChoiceField(label=_("接班人"), coerce=int)
    note = forms.CharField(max_length=limits.NOTE, label=_("说明"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _staff_choices()


class PeriodQuery(forms.Form):
    """The query string of the duty pages (?day=, ?week=, ?month=YYYY-MM, ?print=1). A bad value is
    dropped (the page falls back to today) and never reaches the database."""

    day = BoundedDateField(required=False, input_formats=["%Y-%m-%d"])
    week = BoundedDateField(required=False, input_formats=["%Y-%m-%d"])
    month = BoundedDateField(required=False, input_formats=["%Y-%m"])
    print = forms.ChoiceField(required=False, choices=[("", ""), ("0", "0"), ("1", "1")])

    def values(self) -> dict:
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields}
