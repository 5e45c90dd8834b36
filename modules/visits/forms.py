from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateField, BoundedDateTimeField
from core.moments import typed_time_problem
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
    at = BoundedDateTimeField(label=_("回访时间"), required=False, help_text=_("补录时填写；不填则为现在"),
                              widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("回访结果"), choices=m.ANSWERS, widget=forms.RadioSelect)
    words = forms.CharField(label=_("客户意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    # the resident praised someone by name: a praise proposal for that person (optional)
    praised_staff_id = forms.TypedChoiceField(label=_("客户表扬的员工"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, staff: list[dict] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["praised_staff_id"].choices = [("", _("（无）"))] + [
            (s["user_id"], s["name"]) for s in staff]


class SummaryForm(forms.Form):
    narrative = forms.CharField(label=_("总结"), required=False, max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 8}))


# --- resident visits 走访 (V-01, V-02) -----------------------------------------------------------------

class PlanForm(forms.Form):
    """V-02: a plan's period and the staff the roster is split among (checkboxes of the office's people)."""

    period_start = BoundedDateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = BoundedDateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    staff_ids = forms.TypedMultipleChoiceField(label=_("走访人员"), coerce=int, widget=forms.CheckboxSelectMultiple,
                                               error_messages={"required": _("请至少选择一名走访人员")})

    def __init__(self, *args, staff: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_ids"].choices = [(s["user_id"], f"{s['name']}（{s['role_label']}）") for s in staff]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("结束日期应不早于开始日期"))
        return data


NOT_APPLICABLE = "na"


class ResidentVisitForm(forms.Form):
    """V-01: every topic rated 1–5 (or marked not applicable, e.g. no children's facilities), the
    resident's words and when the visit was made (blank: now)."""

    visited_at = BoundedDateTimeField(label=_("走访时间"), required=False,
                                      help_text=_("不填则为现在"),
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    comments = forms.CharField(label=_("业户意见"), required=False, max_length=limits.NOTE,
                               widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(v), format_lazy("{} {}", v, label)) for v, label in m.RATING_LABELS] + [
            (NOT_APPLICABLE, _("不适用"))]
        topics = {f"rating_{key}": forms.ChoiceField(
            label=label, choices=choices, widget=forms.RadioSelect,
            error_messages={"required": _("请为此项评分")}) for key, label in m.TOPICS}
        self.fields = {**topics, **self.fields}

    def rating_fields(self):
        return [self[f"rating_{key}"] for key, _label in m.TOPICS]

    def clean_visited_at(self):
        value = self.cleaned_data.get("visited_at")
        problem = typed_time_problem(value) if value else None
        if problem:
            raise forms.ValidationError(problem)
        return value

    def clean(self):
        data = super().clean()
        if not self.errors and all(data.get(f"rating_{k}") == NOT_APPLICABLE for k, _label in m.TOPICS):
            self.add_error(None, _("请至少为一项内容评分"))
        return data

    def ratings(self) -> dict:
        return {key: int(self.cleaned_data[f"rating_{key}"]) for key, _label in m.TOPICS
                if self.cleaned_data.get(f"rating_{key}") not in (None, "", NOT_APPLICABLE)}


class FeedbackForm(forms.Form):
    """V-02: what was given back to the resident, and how."""

    method = forms.ChoiceField(label=_("方式"), choices=m.METHODS)
    text = forms.CharField(label=_("反馈内容"), max_length=limits.NOTE, widget=forms.Textarea(attrs={"rows": 3}))


class PlanTargetFilterForm(forms.Form):
    staff = forms.TypedChoiceField(label=_("走访人员"), required=False, coerce=int, empty_value=None)
    building = forms.TypedChoiceField(label=_("楼栋"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, staff: list[tuple], buildings: list[tuple], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [("", _("全部"))] + [(str(k), v) for k, v in staff]
        self.fields["building"].choices = [("", _("全部"))] + [(str(k), v) for k, v in buildings]
