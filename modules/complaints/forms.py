"""Web forms of the complaints UI. They parse input only; every rule lives in the services.

Field names are the keyword names of the service each form feeds, so a view passes
`form.cleaned_data` straight through."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateField, BoundedDateTimeField, MonthField
from core.validators import normalize_phone, validate_phone


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos or scans in one input (C-02 attachments)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class PhoneField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("validators", [validate_phone])
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normalize_phone(super().to_python(value))


DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class RegisterForm(forms.Form):
    """C-01/C-02: everything taken down during the call or at the desk."""

    channel = forms.ChoiceField(label=_("渠道"))
    unit_query = forms.CharField(label=_("房号 / 住户 / 电话"), required=False, max_length=64,
                                 widget=forms.TextInput(attrs={
                                     "autocomplete": "off", "maxlength": 64,
                                     "placeholder": _("如 1栋、1栋-2、姓名或电话后四位")}))
    household_id = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    complainant_name = forms.CharField(label=_("投诉人"), max_length=64)
    complainant_phone = PhoneField(label=_("联系电话"))
    content = forms.CharField(max_length=limits.TEXT, label=_("投诉内容"), widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ChoiceField(label=_("类别"))
    expectation = forms.CharField(max_length=limits.NOTE, label=_("客户期望"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    requested_reply_at = BoundedDateTimeField(label=_("要求回复时间"), required=False,
                                             widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    attachments = MultipleFileField(label=_("附件（照片/扫描件）"))
    idempotency_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, channels=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = list(channels)
        self.fields["category"].choices = list(categories)

    def service_kwargs(self) -> dict:
        """P-02: the household picked from the autocomplete; what was typed is kept as unit text."""
        data = dict(self.cleaned_data)
        data["unit_text"] = data.pop("unit_query", "") or ""
        data["idempotency_key"] = data.get("idempotency_key") or None
        return data


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False)
    classification = forms.ChoiceField(label=_("分类"), required=False)
    building = forms.ChoiceField(label=_("楼栋"), required=False)
    assignee = forms.ChoiceField(label=_("处理人"), required=False)
    overdue = forms.BooleanField(label=_("已超时"), required=False)
    due_today = forms.BooleanField(label=_("今日到期"), required=False)
    mine = forms.BooleanField(label=_("指派给我的"), required=False)
    # the workbench's figures link here (C-17): open by next step in a month; a month's on-time count
    step = forms.ChoiceField(label=_("下一步"), required=False)
    month = MonthField(label=_("登记月份"), required=False)
    deadline_month = MonthField(label=_("回复时限月份"), required=False)
    late = forms.ChoiceField(label=_("按时情况"), required=False,
                             choices=[("", _("全部")), ("1", _("超时")), ("0", _("按时"))])
    household = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1,
                                   widget=forms.HiddenInput)  # P-02: the unit history's "all of them"

    def __init__(self, *args, statuses=(), classes=(), buildings=(), assignees=(), steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["step"].choices = everything + list(steps)
        self.fields["status"].choices = everything + list(statuses)
        self.fields["classification"].choices = everything + list(classes)
        self.fields["building"].choices = everything + list(buildings)
        self.fields["assignee"].choices = everything + list(assignees)


class PublicSubmitForm(forms.Form):
    """C-01 online channel: what a resident types on the public page."""

    unit = forms.CharField(label=_("房号"), max_length=64)
    complainant_name = forms.CharField(label=_("姓名"), max_length=64)
    complainant_phone = PhoneField(label=_("手机号"))
    content = forms.CharField(label=_("投诉内容"), widget=forms.Textarea(attrs={"rows": 5}), max_length=2000)
    photo = forms.FileField(label=_("照片（可选）"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    website = forms.CharField(max_length=limits.NAME, required=False, widget=forms.HiddenInput)  # honeypot: people leave it empty


class StatusLookupForm(forms.Form):
    number = forms.CharField(label=_("投诉编号"), max_length=32,
                             widget=forms.TextInput(attrs={"placeholder": "TS-2026-000123"}))
    phone = PhoneField(label=_("登记时的手机号"))

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()


# --- action forms on the detail page: one per step, each posting to complaints:action ---------------

class NoteForm(forms.Form):
    """C-15: a remark or a correction, added to the history."""

    text = forms.CharField(max_length=limits.TEXT, label=_("备注"), widget=forms.Textarea(attrs={"rows": 2}))


class ClassifyForm(forms.Form):
    """C-05/C-06: class, urgency, seriousness; C-07: the reply time agreed with the customer."""

    # issue 9 §3.5: nothing is chosen beforehand; the person classifying must pick one
    classification = forms.ChoiceField(label=_("分类"), widget=forms.RadioSelect,
                                       error_messages={"required": _("请选择分类：有效、协助处理或无效")})
    urgent = forms.BooleanField(label=_("紧急"), required=False)
    serious = forms.BooleanField(label=_("严重"), required=False)
    agreed_reply_at = BoundedDateTimeField(
        label=_("与客户约定的回复时间"), required=False, widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS,
        help_text=_("无法在规定时限内回复时与客户约定；约定后按约定时间回复"))  # C-07
    note = forms.CharField(max_length=limits.NOTE, label=_("说明"), required=False)
    # C-20/A-04: the staff member the complaint is about (optional; offered on one complaint's page only)
    staff_id = forms.TypedChoiceField(label=_("涉及员工"), required=False, coerce=int, empty_value=None,
                                      help_text=_("有效投诉点名某位员工时选择，将生成考核建议，由主管确认"))
    praise = forms.BooleanField(label=_("这是表扬（为所选员工建议加分）"), required=False)

    def __init__(self, *args, classes=(), staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"].choices = list(classes)
        if staff is None:  # the whole-incident form names nobody
            del self.fields["staff_id"], self.fields["praise"]
        else:
            self.fields["staff_id"].choices = [("", _("— 无 —"))] + list(staff)

    def clean(self):
        data = super().clean()
        if data.get("praise") and not data.get("staff_id"):
            self.add_error("staff_id", _("表扬须选择被表扬的员工"))
        return data


class CategoryCorrectForm(forms.Form):
    """C-02/C-15: the category taken down at registration corrected, with the reason (an event)."""

    category = forms.ChoiceField(label=_("正确的类别"), error_messages={"required": _("请选择正确的类别")})
    reason = forms.CharField(max_length=limits.NOTE, label=_("更正原因"),
                             error_messages={"required": _("请填写更正原因")})

    def __init__(self, *args, categories=(), current="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("— 请选择 —"))] + [
            (key, label) for key, label in categories if key != current]


class AssignForm(forms.Form):
    """C-04: the duty officer passes it to a customer-service colleague."""

    assignee_id = forms.ChoiceField(label=_("处理人"))
    note = forms.CharField(max_length=limits.NOTE, label=_("说明"), required=False)

    def __init__(self, *args, assignees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee_id"].choices = list(assignees)

    def clean_assignee_id(self):
        return int(self.cleaned_data["assignee_id"])


class HandleOnSpotForm(forms.Form):
    """C-03: solved at once; what was done."""

    solution = forms.CharField(max_length=limits.NOTE, label=_("处理结果"), widget=forms.Textarea(attrs={"rows": 2}))


class ReferralForm(forms.Form):
    """C-08: the written report to the responsible party."""

    party_kind = forms.ChoiceField(label=_("责任方类型"))
    party_name = forms.CharField(label=_("责任方"), max_length=128)
    text = forms.CharField(max_length=limits.TEXT, label=_("函件内容"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, party_kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_kind"].choices = list(party_kinds)


class ProgressForm(forms.Form):
    """C-08: progress told to the customer."""

    text = forms.CharField(max_length=limits.TEXT, label=_("进展"), widget=forms.Textarea(attrs={"rows": 2}))


class EscalateForm(forms.Form):
    """C-11: up one level at a time, with who, when and why."""

    to_level = forms.ChoiceField(label=_("上报至"))
    reason = forms.CharField(max_length=limits.NOTE, label=_("上报原因"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_level"].choices = list(levels)


YES_NO_UNKNOWN = [("unknown", _("未表态")), ("true", _("满意")), ("false", _("不满意"))]


class ReplyForm(forms.Form):
    """C-12: method and the customer's opinion; a home visit carries the customer's signature (drawn on
    the canvas as a PNG data URL, or a scan of the visit record), a written complaint a letter."""

    method = forms.ChoiceField(label=_("回复方式"))
    opinion = forms.CharField(max_length=limits.NOTE, label=_("客户意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    satisfied = forms.NullBooleanField(label=_("客户是否满意"), required=False,
                                       widget=forms.Select(choices=YES_NO_UNKNOWN))
    signature_data_url = forms.CharField(max_length=limits.SIGNATURE, required=False, widget=forms.HiddenInput)
    signature_scan = forms.FileField(label=_("或上传签名的访问记录表扫描件"), required=False,
                                     widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}))
    letter_text = forms.CharField(max_length=limits.TEXT, label=_("书面回复函"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, methods=(), letter_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = list(methods)
        if letter_required:  # C-12: a written complaint is answered in writing and by the method chosen
            letter = self.fields["letter_text"]
            letter.required, letter.label = True, _("书面回复函（书面投诉须同时书面回复）")
            letter.widget.attrs["data-always"] = "1"


class CloseForm(forms.Form):
    """C-14: closed only with the customer's satisfaction recorded."""

    satisfied = forms.BooleanField(label=_("客户表示满意"), required=False)
    note = forms.CharField(max_length=limits.NOTE, label=_("说明"), required=False)


class ReopenForm(forms.Form):
    """C-13: the customer is not satisfied; a new complaint linked to this one."""

    opinion = forms.CharField(max_length=limits.NOTE, label=_("客户的不满意见"), widget=forms.Textarea(attrs={"rows": 2}))


class ReportResultForm(forms.Form):
    """C-16: the result reported back to head office."""

    summary = forms.CharField(max_length=limits.NOTE, label=_("处理结果"), widget=forms.Textarea(attrs={"rows": 3}))


class SpotCheckForm(forms.Form):
    """C-19: the director's finding on a checked record, and whether the complainant is satisfied."""

    finding = forms.CharField(max_length=limits.NOTE, label=_("抽查意见"), widget=forms.Textarea(attrs={"rows": 2}))
    satisfied = forms.NullBooleanField(label=_("客户满意"), required=False,
                                       widget=forms.Select(choices=YES_NO_UNKNOWN))


class PeriodForm(forms.Form):
    """C-19: the period whose records the director checks."""

    start = BoundedDateField(label=_("从"), widget=forms.DateInput(attrs={"type": "date"}))
    end = BoundedDateField(label=_("到"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("结束日期不能早于开始日期。"))
        return data


class LinkIncidentForm(forms.Form):
    """C-10: the same matter as other complaints: pick the incident, or name a new one."""

    incident_id = forms.ChoiceField(label=_("所属事件"), required=False)
    title = forms.CharField(label=_("新事件名称"), required=False, max_length=200,
                            help_text=_("不选已有事件时填写，例如“9栋停水”"))

    def __init__(self, *args, incidents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident_id"].choices = [("", _("— 新建事件 —"))] + list(incidents)

    def clean(self):
        data = super().clean()
        if not data.get("incident_id") and not (data.get("title") or "").strip():
            self.add_error("title", _("请选择已有事件或填写新事件名称。"))
        return data

    def service_kwargs(self) -> dict:
        chosen = self.cleaned_data.get("incident_id")
        return {"incident_id": int(chosen) if chosen else None, "title": self.cleaned_data.get("title", "")}


class CollectiveStepForm(forms.Form):
    """C-10: a reporting step of a collective complaint, with how it was done."""

    note = forms.CharField(label=_("说明"), required=False, max_length=500,
                           widget=forms.TextInput(attrs={"placeholder": _("例如：已电话报告")}))


class IncidentReplyForm(forms.Form):
    """C-10/C-12: the home visit that answered all the incident's customers: their opinion, the signed
    visit record (drawn or scanned), and the letter when some complaints were made in writing."""

    opinion = forms.CharField(max_length=limits.NOTE, label=_("客户意见"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    satisfied = forms.NullBooleanField(label=_("客户是否满意"), required=False,
                                       widget=forms.Select(choices=YES_NO_UNKNOWN))
    signature_data_url = forms.CharField(max_length=limits.SIGNATURE, required=False, widget=forms.HiddenInput)
    signature_scan = forms.FileField(label=_("或上传签名的访问记录表扫描件"), required=False,
                                     widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}))
    letter_text = forms.CharField(max_length=limits.TEXT, label=_("书面回复函"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, letter_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if letter_required:  # C-12: some complaints of the incident were made in writing
            letter = self.fields["letter_text"]
            letter.required, letter.label = True, _("书面回复函（事件中有书面投诉，须同时书面回复）")
        else:
            del self.fields["letter_text"]
