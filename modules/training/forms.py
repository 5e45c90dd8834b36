from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateField, BoundedDateTimeField, MonthField
from modules.training.models import ATTENDANCE, CATEGORIES, EXAM_OPEN_KINDS, PLAN_KINDS

SCORE = {"max_digits": 5, "decimal_places": 2, "min_value": 0, "max_value": 100}
DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class PlanOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("计划类型"), choices=PLAN_KINDS)
    period = MonthField(label=_("计划期（年度计划选该年任一月）"))


class PlanItemForm(forms.Form):
    category = forms.ChoiceField(label=_("类别"), choices=CATEGORIES)
    topic = forms.CharField(label=_("培训内容"), max_length=limits.NAME)
    audience = forms.CharField(label=_("对象"), max_length=limits.NAME, required=False)
    trainer_name = forms.CharField(label=_("讲师"), max_length=64, required=False)
    planned_on = BoundedDateField(label=_("计划日期"), required=False, **DATE)
    class_hours = forms.DecimalField(label=_("课时"), max_digits=5, decimal_places=1, min_value=Decimal("0.5"), max_value=200)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=limits.LINE)


class SessionForm(forms.Form):
    category = forms.ChoiceField(label=_("类别"), choices=CATEGORIES)
    topic = forms.CharField(label=_("培训内容"), max_length=limits.NAME)
    trainer_name = forms.CharField(label=_("讲师"), max_length=64)
    starts_at = BoundedDateTimeField(label=_("培训时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    class_hours = forms.DecimalField(label=_("课时"), max_digits=4, decimal_places=1, min_value=Decimal("0.5"), max_value=12)
    place = forms.CharField(label=_("地点"), max_length=limits.NAME, required=False)


class RecordForm(forms.Form):
    summary = forms.CharField(label=_("培训效果"), max_length=limits.NOTE, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("考核类型"), choices=EXAM_OPEN_KINDS)
    period = MonthField(label=_("培训月份（消防：该季度任一月）"))
    title = forms.CharField(label=_("考核内容"), max_length=limits.NAME, required=False)


class ResultForm(forms.Form):
    person_id = forms.TypedChoiceField(label=_("姓名"), coerce=int)
    written_score = forms.DecimalField(label=_("笔试成绩"), **SCORE)
    practical_score = forms.DecimalField(label=_("实操成绩"), required=False, **SCORE)
    sat_on = BoundedDateField(label=_("考核日期"), required=False, **DATE)
    note = forms.CharField(label=_("备注"), max_length=limits.LINE, required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person_id"].choices = list(people)


class InductionForm(forms.Form):
    person_id = forms.TypedChoiceField(label=_("新员工"), coerce=int)
    started_on = BoundedDateField(label=_("到岗日期"), **DATE)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person_id"].choices = list(people)


ATTENDANCE_CHOICES = [("", "—"), *ATTENDANCE]
