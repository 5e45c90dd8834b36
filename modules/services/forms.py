"""Forms of the special-services pages (S-01..S-05). Amounts are text checked by modules/services/money.py in
the service (2 places, not negative), so a bad amount comes back on its field with what was typed kept."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateField, BoundedDateTimeField
from modules.services import models as m
from modules.services.catalog import models as cm

PICK = {"type": "datetime-local"}


def amount(label, required=True):
    return forms.CharField(label=label, max_length=16, required=required,
                           widget=forms.TextInput(attrs={"inputmode": "decimal"}))


class BookingForm(forms.Form):
    channel = forms.ChoiceField(label=_("来源"), choices=[c for c in m.CHANNELS if c[0] in ("phone", "desk")])
    item_id = forms.TypedChoiceField(label=_("服务项目"), coerce=int)
    name = forms.CharField(label=_("住户姓名"), max_length=64)
    phone = forms.CharField(label=_("电话"), max_length=32, required=False)
    address = forms.CharField(label=_("地址"), max_length=limits.NAME)
    quantity = amount(_("数量"))
    wanted_at = BoundedDateTimeField(label=_("期望服务时间"), widget=forms.DateTimeInput(attrs=PICK))
    note = forms.CharField(label=_("备注"), max_length=limits.NOTE, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_id"].choices = [(row["item"].pk, f"{row['item'].name}（{row['rate'].price}）")
                                          for row in items]
        self.fields["quantity"].initial = "1"


class PublicBookingForm(BookingForm):
    """S-03 online: a resident books on the office's public page (no login, throttled)."""

    website = forms.CharField(required=False, max_length=limits.NAME, widget=forms.HiddenInput)  # bot trap

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["channel"]
        self.fields["phone"].required = True


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=cm.PROPOSAL_KINDS)
    item_id = forms.TypedChoiceField(label=_("已有服务项目（调价、停止时）"), coerce=int, required=False, empty_value=None)
    name = forms.CharField(label=_("服务项目名称（新增时）"), max_length=limits.NAME, required=False)
    category = forms.ChoiceField(label=_("类别"), choices=[("", "—"), *cm.CATEGORIES], required=False)
    unit = forms.ChoiceField(label=_("计价单位"), choices=[("", "—"), *cm.UNITS], required=False)
    standard = forms.CharField(label=_("服务标准"), max_length=limits.NOTE, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    price = amount(_("收费标准（元）"), required=False)
    deposit = amount(_("押金/预交（元）"), required=False)
    effective_from = BoundedDateField(label=_("生效日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    survey_households = forms.IntegerField(label=_("调查户数"), min_value=0, max_value=1_000_000, required=False,
                                           initial=0)
    survey_in_favour = forms.IntegerField(label=_("赞成户数"), min_value=0, max_value=1_000_000, required=False,
                                          initial=0)
    survey_summary = forms.CharField(label=_("住户调查结果"), max_length=limits.NOTE, required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("理由"), max_length=limits.NOTE, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_id"].choices = [("", "—"), *[(row["item"].pk, row["item"].name) for row in items]]

    def clean(self):
        data = super().clean()
        for key in ("survey_households", "survey_in_favour"):
            data[key] = data.get(key) or 0
        return data


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("审批意见"), max_length=limits.NOTE, required=False)


class DepositForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=[c for c in m.MONEY_KINDS if c[0] in (m.DEPOSIT, m.PREPAYMENT)])
    amount = amount(_("金额（元）"))
    receipt_no = forms.CharField(label=_("票据号"), max_length=32)


class WorkForm(forms.Form):
    worker_name = forms.CharField(label=_("服务人员"), max_length=64)
    hours = amount(_("工时"))
    description = forms.CharField(label=_("服务情况"), max_length=limits.NOTE, widget=forms.Textarea(attrs={"rows": 2}))
    material_name = forms.CharField(label=_("材料"), max_length=limits.NAME, required=False)
    material_quantity = amount(_("材料数量"), required=False)
    material_price = amount(_("材料单价（元）"), required=False)


class ConfirmForm(forms.Form):
    signature_data_url = forms.CharField(max_length=limits.SIGNATURE, widget=forms.HiddenInput, required=False)


class CheckForm(forms.Form):
    note = forms.CharField(label=_("审核意见"), max_length=limits.LINE, required=False)


class SettleForm(forms.Form):
    amount = amount(_("结算金额（元）"))
    receipt_no = forms.CharField(label=_("票据号"), max_length=32)
    refund_deposit = forms.BooleanField(label=_("退还押金"), required=False, initial=True)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("取消原因"), max_length=limits.LINE)


class ReverseForm(forms.Form):
    entry_id = forms.IntegerField(widget=forms.HiddenInput)
    receipt_no = forms.CharField(label=_("冲正票据号"), max_length=32)
    reason = forms.CharField(label=_("冲正原因"), max_length=limits.LINE)


class DispatchForm(forms.Form):
    department = forms.ChoiceField(label=_("派往部门"), required=False, choices=[
        ("", "—"), ("engineering", _("工程部")), ("security", _("安全部")), ("cleaning", _("保洁部")),
        ("greening", _("绿化部"))])
    subcontractor_id = forms.TypedChoiceField(label=_("或派给分包方"), coerce=int, required=False, empty_value=None)
    fee = amount(_("分包费用（元）"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subcontractor_id"].choices = [("", "—"), *m.Subcontractor.objects.filter(
            status=m.APPROVED).values_list("pk", "name")[:200]]


class EvaluateForm(forms.Form):
    score = forms.IntegerField(label=_("评分（1–5）"), min_value=1, max_value=5)
    note = forms.CharField(label=_("说明"), max_length=limits.LINE, required=False)


class SubcontractorForm(forms.Form):
    name = forms.CharField(label=_("分包方"), max_length=limits.NAME)
    qualifications = forms.CharField(label=_("资质"), max_length=limits.NOTE, required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    contract_from = BoundedDateField(label=_("合同开始"), widget=forms.DateInput(attrs={"type": "date"}))
    contract_to = BoundedDateField(label=_("合同结束"), widget=forms.DateInput(attrs={"type": "date"}))


class QuoteForm(forms.Form):
    """S-03: the desk tells the resident the quote (the booked rate × the quantity agreed)."""

    quantity = amount(_("数量"), required=False)
    note = forms.CharField(label=_("说明"), max_length=limits.LINE, required=False)


class AgreementForm(forms.Form):
    """S-03: a long-term service agreement drawn up at the desk."""

    item_id = forms.TypedChoiceField(label=_("服务项目"), coerce=int)
    name = forms.CharField(label=_("住户姓名"), max_length=64)
    phone = forms.CharField(label=_("电话"), max_length=32, required=False)
    address = forms.CharField(label=_("地址"), max_length=limits.NAME)
    quantity = amount(_("每次数量"))
    frequency = forms.ChoiceField(label=_("服务频次"), choices=m.FREQUENCIES)
    starts_on = BoundedDateField(label=_("协议开始"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = BoundedDateField(label=_("协议结束"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("协议条款"), max_length=limits.NOTE, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_id"].choices = [(row["item"].pk, f"{row['item'].name}（{row['rate'].price}）")
                                          for row in items]
        self.fields["quantity"].initial = "1"


class AgreementDepositForm(forms.Form):
    amount = amount(_("押金（元）"))
    receipt_no = forms.CharField(label=_("票据号"), max_length=32)


class AgreementJobForm(forms.Form):
    wanted_at = BoundedDateTimeField(label=_("期望服务时间"), widget=forms.DateTimeInput(attrs=PICK))
    note = forms.CharField(label=_("备注"), max_length=limits.LINE, required=False)


class AgreementCloseForm(forms.Form):
    action = forms.ChoiceField(label=_("操作"), choices=[("end", _("协议到期")), ("terminate", _("提前解除"))])
    reason = forms.CharField(label=_("原因"), max_length=limits.LINE, required=False)


class AgreementCancelForm(forms.Form):
    reason = forms.CharField(label=_("取消原因"), max_length=limits.LINE)


class AgreementRefundForm(forms.Form):
    receipt_no = forms.CharField(label=_("退款票据号"), max_length=32)


class AgreementKeepForm(forms.Form):
    """S-05: the cashier keeps all or part of the deposit held (the rest is refunded in the same step)."""

    amount = amount(_("扣留金额（元）"))
    receipt_no = forms.CharField(label=_("票据号"), max_length=32)
    reason = forms.CharField(label=_("扣留原因"), max_length=limits.LINE,
                             widget=forms.TextInput(attrs={"placeholder": _("如：损坏物品、服务费未结清")}))
