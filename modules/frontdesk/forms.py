"""Front-desk web forms. They only parse input; the rules live in services (and their errors come back
onto the named fields through core.web.apply_error)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateTimeField
from modules.frontdesk.models import custody as cu
from modules.frontdesk.models import desk as d
from modules.frontdesk.models import inspections as ins
from modules.frontdesk.models import notices as n
from modules.frontdesk.models import work as wo

_DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def when(label, required=False) -> forms.DateTimeField:
    return BoundedDateTimeField(label=label, required=required, input_formats=_DT_FORMATS,
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_DT_FORMATS[0]))


def text(label, required=True, rows=2, max_length=limits.NOTE) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label=_("方式"), choices=d.CHANNELS, initial=d.PHONE)
    unit = forms.CharField(label=_("房号/单位"), max_length=128,
                           help_text=_("如 1栋-1201；与住户档案一致时自动关联住户"))
    name = forms.CharField(label=_("客户姓名"), max_length=64)
    phone = forms.CharField(label=_("电话"), max_length=32, required=False)
    request_type = forms.ChoiceField(label=_("诉求类别"), choices=d.REQUEST_TYPES)
    request = text(_("客户诉求"), max_length=limits.TEXT)
    expectation = text(_("客户期望"), required=False, rows=1, max_length=limits.NOTE)
    requested_reply_at = when(_("要求答复时间"))
    outcome = forms.ChoiceField(label=_("处理方式"), choices=d.OUTCOMES)
    department = forms.ChoiceField(label=_("派往部门（派工单时）"), choices=[("", "—"), *wo.DEPARTMENTS],
                                   required=False)
    answer = text(_("答复内容（当场答复时）"), required=False, rows=1, max_length=limits.NOTE)
    # S-03: a service inquiry naming an offered item becomes a booking
    service_item_id = forms.TypedChoiceField(label=_("特约服务项目（特约服务咨询时）"), required=False, coerce=int,
                                             empty_value=None, choices=lambda: _service_choices())


def _service_choices() -> list:
    from modules.services.selectors import offered_items

    return [("", "—"), *[(row["item"].pk, f"{row['item'].name} {row['rate'].price}") for row in offered_items()]]


class WorkOrderForm(forms.Form):
    department = forms.ChoiceField(label=_("责任部门"), choices=wo.DEPARTMENTS)
    content = text(_("工作内容"), max_length=limits.TEXT)
    location = forms.CharField(label=_("地点/房号"), max_length=128, required=False)


class StepForm(forms.Form):
    note = forms.CharField(max_length=limits.NOTE, label=_("说明"), required=False)
    result = forms.CharField(max_length=limits.NOTE, label=_("处理结果"), required=False)


class MissedCallForm(forms.Form):
    phone = forms.CharField(label=_("来电号码"), max_length=32)
    missed_at = when(_("来电时间（空=现在）"))


class CallbackForm(forms.Form):
    reached = forms.BooleanField(label=_("已联系上"), required=False, initial=True)
    result = forms.CharField(max_length=limits.NOTE, label=_("回电结果"))


class VisitorForm(forms.Form):
    name = forms.CharField(label=_("来访人"), max_length=64)
    company = forms.CharField(label=_("拜访单位"), max_length=128)
    phone = forms.CharField(label=_("电话"), max_length=32)
    purpose = forms.CharField(label=_("事由"), max_length=255, required=False)


class InspectionStartForm(forms.Form):
    area = forms.CharField(label=_("巡查区域"), max_length=128)
    started_at = when(_("巡查时间（空=现在）"))


class FindingForm(forms.Form):
    category = forms.ChoiceField(label=_("检查项"), choices=ins.CHECKLIST)
    description = text(_("问题描述"), max_length=limits.NOTE)
    location = forms.CharField(label=_("位置"), max_length=128, required=False)
    department = forms.ChoiceField(label=_("派往部门"), choices=wo.DEPARTMENTS)


class SubmitForm(forms.Form):
    issues = forms.MultipleChoiceField(label=_("有问题的检查项（未勾选=正常）"), choices=ins.CHECKLIST, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(max_length=limits.NOTE, label=_("备注"), required=False)


class ReviewForm(forms.Form):
    note = forms.CharField(max_length=limits.NOTE, label=_("审核意见"), required=False)


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=n.KINDS)
    title = forms.CharField(label=_("标题"), max_length=128)
    body = text(_("内容"), rows=4, max_length=limits.TEXT)
    starts_at = when(_("开始时间"), required=True)
    ends_at = when(_("结束时间"), required=True)
    all_buildings = forms.BooleanField(label=_("全体楼栋"), required=False)
    building_ids = forms.MultipleChoiceField(label=_("影响楼栋"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        from modules.residents.models import Building

        super().__init__(*args, **kwargs)
        self.fields["building_ids"].choices = [(b.pk, b.name) for b in Building.objects.all()]

    def clean_building_ids(self):
        return [int(pk) for pk in self.cleaned_data["building_ids"]]


class PublishForm(forms.Form):
    publish_at = when(_("发布时间（空=立即）"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(max_length=limits.NOTE, label=_("撤回原因"))


class CustodyForm(forms.Form):
    kind = forms.ChoiceField(label=_("物品类别"), choices=cu.ITEM_KINDS)
    description = forms.CharField(label=_("物品描述"), max_length=255)
    unit = forms.CharField(label=_("房号"), max_length=128, help_text=_("如 1栋-101"))
    household_name = forms.CharField(label=_("户名（一房多户时填）"), max_length=128, required=False)
    owner_name = forms.CharField(label=_("物主姓名"), max_length=64, required=False)
    storage_location = forms.CharField(label=_("存放位置"), max_length=64, required=False)


class CustodyReturnForm(forms.Form):
    returned_to = forms.CharField(label=_("领取人"), max_length=64)


class CustodyIncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=cu.INCIDENT_KINDS)
    occurred_at = when(_("发生/发现时间（空=现在）"))
    circumstances = text(_("经过"), max_length=limits.TEXT)


class CustodyReportForm(forms.Form):
    reported_to = forms.CharField(label=_("告知对象（住户姓名）"), max_length=64)
    method = forms.ChoiceField(label=_("告知方式"), choices=cu.REPORT_METHODS)
    reported_at = when(_("告知时间（空=现在）"))
    note = forms.CharField(max_length=limits.NOTE, label=_("住户意见"), required=False)


class CustodyResolveForm(forms.Form):
    resolution = text(_("处理结果（赔偿、修复、找回等）"), max_length=limits.NOTE)
