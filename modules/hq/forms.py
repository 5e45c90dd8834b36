"""Forms of the head-office complaint center."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateTimeField
from core.errors import ValidationFailed
from modules.hq.models import HqComplaint
from modules.hq.selectors import period_bounds
from tenants.selectors import office_list

YES_NO = [("", _("全部")), ("yes", _("是")), ("no", _("否"))]


class InboxFilterForm(forms.Form):
    # a search box, not a list of every office: an office's slug, or text in its name or slug (the
    # static hq/office_search.js suggests offices as one types; without it the server matches the text)
    office = forms.CharField(label=_("管理处"), max_length=limits.NAME, required=False,
                             widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                                           "placeholder": _("名称或标识")}))
    status = forms.ChoiceField(label=_("状态"), required=False)
    overdue = forms.ChoiceField(label=_("超时"), choices=YES_NO, required=False)
    collective = forms.ChoiceField(label=_("集体投诉"), choices=YES_NO, required=False)
    period = forms.RegexField(max_length=limits.CODE, label=_("期间"), regex=r"^\d{4}-\d{2}$", required=False,
                              widget=forms.TextInput(attrs={"type": "month"}))
    mine = forms.BooleanField(label=_("指派给我的"), required=False)
    open_only = forms.ChoiceField(label=_("未办结"), choices=YES_NO, required=False)
    assigned = forms.ChoiceField(label=_("已指派"), choices=YES_NO, required=False)

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("全部")), *statuses]

    def clean_period(self) -> str:
        """A month that does not exist or lies out of range (9999-12) is a form error, not a 500."""
        period = self.cleaned_data["period"]
        if period:
            try:
                period_bounds(period)
            except ValidationFailed as exc:
                raise forms.ValidationError(exc.fields["period"][0]) from exc
        return period


class InstructionForm(forms.Form):
    text = forms.CharField(max_length=limits.TEXT, label=_("指示内容"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    """C-11/R-02: the management representative's handling opinion and the quality manager who handles it."""

    assignee_id = forms.TypedChoiceField(label=_("指派品质管理部经理"), coerce=int)
    opinion = forms.CharField(label=_("处理意见"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, managers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee_id"].choices = [(u.pk, getattr(u, "display_name", "") or u.get_username())
                                              for u in managers]


class HqComplaintForm(forms.Form):
    channel = forms.ChoiceField(label=_("渠道"), choices=HqComplaint.CHANNELS)
    complainant_name = forms.CharField(label=_("投诉人"), max_length=64)
    complainant_phone = forms.CharField(label=_("联系电话"), max_length=32)
    unit_text = forms.CharField(label=_("房号/地址"), max_length=128, required=False)
    content = forms.CharField(max_length=limits.TEXT, label=_("投诉内容"), widget=forms.Textarea(attrs={"rows": 5}))
    received_at = BoundedDateTimeField(label=_("受理时间（留空为现在）"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class ForwardForm(forms.Form):
    """C-16: the office's slug, typed or picked in the search box (hq/office_search.js), not a list of
    every office."""

    office = forms.SlugField(label=_("转办至管理处"), max_length=63,
                             widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                                           "placeholder": _("管理处标识")}))

    def clean_office(self) -> str:
        slug = self.cleaned_data["office"]
        if not office_list().filter(slug=slug).exists():
            raise forms.ValidationError(_("没有这个管理处"))
        return slug


class FollowUpForm(forms.Form):
    note = forms.CharField(max_length=limits.NOTE, label=_("跟进记录"), widget=forms.Textarea(attrs={"rows": 3}))
