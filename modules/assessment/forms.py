from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateTimeField

POINTS = {"max_digits": 6, "decimal_places": 2, "required": False}


class FindingForm(forms.Form):
    """A-02: a team leader's finding; A-01: points within the rule's range, the ladder's extra points."""

    person_id = forms.TypedChoiceField(label=_("被考核人"), coerce=int)
    rule_code = forms.ChoiceField(label=_("考核项目"))
    occurred_at = BoundedDateTimeField(label=_("发生时间"), required=False,
                                       widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    points = forms.DecimalField(label=_("分值（有范围时必填）"), **POINTS)
    extra_points = forms.DecimalField(label=_("累计处分加扣分（达到时必填）"), **POINTS)
    note = forms.CharField(label=_("备注"), max_length=limits.LINE, required=False)
    photo = forms.FileField(label=_("照片"), required=False)

    def __init__(self, *args, people=(), rules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person_id"].choices = list(people)
        self.fields["rule_code"].choices = list(rules)


class ConfirmForm(forms.Form):
    points = forms.DecimalField(label=_("分值"), **POINTS)
    note = forms.CharField(label=_("备注"), max_length=limits.LINE, required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("驳回理由"), max_length=limits.LINE)


class SignForm(forms.Form):
    note = forms.CharField(label=_("抽查意见"), max_length=limits.LINE, required=False)


class PraiseForm(forms.Form):
    """A-04: a resident's praise written down, naming the person (a proposal the supervisor confirms)."""

    person_id = forms.TypedChoiceField(label=_("被表扬人"), coerce=int)
    words = forms.CharField(label=_("表扬内容"), max_length=limits.LINE)
    resident = forms.CharField(label=_("表扬人（业主姓名、房号）"), max_length=64, required=False)
    received_at = BoundedDateTimeField(label=_("表扬时间"), required=False,
                                       widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, prefix="praise", **kwargs)
        self.fields["person_id"].choices = list(people)
