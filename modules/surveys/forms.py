"""Forms of the survey pages (V-03): the answer sheet built from a wave's questions (public page and
paper entry), head office's questionnaire design and wave launch."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateField
from modules.complaints.forms import PhoneField
from modules.surveys.group import models as g
from modules.visits.models import ANSWERS


class AnswerSheet(forms.Form):
    """One field `q_<id>` per question of the wave, in order; required as the question says."""

    def __init__(self, *args, wave, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(wave.questionnaire.questions.all())
        for q in self.questions:
            label = f"{q.position}. {q.text}"
            choices = [(str(o.pk), o.text) for o in q.options.all()]
            if q.kind == g.SINGLE:
                field = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)
            elif q.kind == g.MULTIPLE:
                field = forms.MultipleChoiceField(label=label, choices=choices, widget=forms.CheckboxSelectMultiple)
            elif q.kind == g.SCALE:
                field = forms.ChoiceField(label=label, choices=[(str(v), str(v)) for v in range(g.SCALE_MIN, g.SCALE_MAX + 1)],
                                          widget=forms.RadioSelect(attrs={"class": "scale"}),
                                          help_text=_("1 分最不满意，5 分最满意"))
            else:
                field = forms.CharField(label=label, max_length=limits.NOTE,
                                        widget=forms.Textarea(attrs={"rows": 3}))
            field.required = q.required
            self.fields[f"q_{q.pk}"] = field

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}") for q in self.questions}


class PublicAnswerSheet(AnswerSheet):
    """The resident's own page: who answers (the phone registered with the office), then the questions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = dict(self.fields)
        self.fields.clear()
        self.fields["phone"] = PhoneField(label=_("登记的手机号"), help_text=_("请填写在管理处登记的手机号，每户只能答一次"))
        self.fields["room"] = forms.CharField(label=_("房号（可选）"), max_length=64, required=False,
                                              help_text=_("例如 1栋-101；手机号登记了多户时必填"))
        self.fields.update(questions)
        self.fields["website"] = forms.CharField(max_length=limits.NAME, required=False, widget=forms.HiddenInput)


class PaperAnswerSheet(AnswerSheet):
    """Staff enter a paper questionnaire: the household by its room (and name when the room has several)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = dict(self.fields)
        self.fields.clear()
        self.fields["room"] = forms.CharField(label=_("房号"), max_length=64, help_text=_("例如 1栋-101"))
        self.fields["household_name"] = forms.CharField(label=_("户名（同一房号有多户时填写）"), max_length=128,
                                                        required=False)
        self.fields.update(questions)


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("问卷名称"), max_length=limits.NAME)
    intro = forms.CharField(label=_("说明（可选）"), max_length=limits.NOTE, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("题型"), choices=g.KINDS)
    text = forms.CharField(label=_("题目"), max_length=limits.LINE)
    required = forms.BooleanField(label=_("必答"), required=False, initial=True)
    rated = forms.BooleanField(label=_("满意度题（选项为满意、基本满意、不满意，计入满意率）"), required=False)
    options = forms.CharField(label=_("选项（每行一个）"), required=False, max_length=limits.NOTE,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("单选、多选题填写；满意度题和评分题、文字题不用填"))

    def question(self) -> dict:
        """The question as the service takes it; a satisfaction question gets the three graded answers."""
        data = self.cleaned_data
        if data["rated"]:
            return {"kind": g.SINGLE, "text": data["text"], "required": data["required"], "rated": True,
                    "options": [{"text": str(label), "grade": code} for code, label in ANSWERS]}
        lines = [line.strip() for line in (data["options"] or "").splitlines() if line.strip()]
        return {"kind": data["kind"], "text": data["text"], "required": data["required"], "rated": False,
                "options": [{"text": line} for line in lines]}


class WaveForm(forms.Form):
    questionnaire = forms.ChoiceField(label=_("问卷"))
    title = forms.CharField(label=_("调查名称"), max_length=limits.NAME)
    starts_on = BoundedDateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = BoundedDateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    all_offices = forms.BooleanField(label=_("全部管理处"), required=False)
    offices = forms.CharField(label=_("参与的管理处（标识，用空格或逗号分隔）"), required=False, max_length=limits.NOTE,
                              widget=forms.Textarea(attrs={"rows": 2}), help_text=_("例如 alpha beta；勾选全部管理处时不用填"))

    def __init__(self, *args, questionnaires=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].choices = [(str(q.pk), f"{q.title} v{q.version}") for q in questionnaires]

    def office_ids(self) -> list[int]:
        """The offices named (by slug), or every active office; an unknown slug is this field's error."""
        from tenants.selectors import office_list

        if self.cleaned_data["all_offices"]:
            return list(office_list().values_list("pk", flat=True))
        slugs = {s for s in self.cleaned_data["offices"].replace(",", " ").replace("，", " ").split() if s}
        found = dict(office_list().filter(slug__in=slugs).values_list("slug", "pk"))
        missing = sorted(slugs - set(found))
        if missing:
            from core.errors import ValidationFailed

            raise ValidationFailed(_("没有这些管理处：%s") % "、".join(missing[:10]),
                                   fields={"offices": [_("没有这些管理处：%s") % "、".join(missing[:10])]})
        return sorted(found.values())


class SummaryForm(forms.Form):
    title = forms.CharField(label=_("公告标题"), max_length=128)
    body = forms.CharField(label=_("公告内容"), max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 8}))
