"""The front desk's registers: calls and visits (F-01, F-02), missed calls (F-03), visitors (F-04)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits
from modules.frontdesk.models.common import number_of

PHONE, VISIT = "phone", "visit"
CHANNELS = [(PHONE, _("来电")), (VISIT, _("来访"))]

# F-02 request types
INQUIRY, REPAIR, COMPLAINT, BOOKING, DECORATION, FEES = (
    "inquiry", "repair", "complaint", "booking", "decoration", "fees")
REQUEST_TYPES = [(INQUIRY, _("咨询")), (REPAIR, _("报修")), (COMPLAINT, _("投诉")), (BOOKING, _("特约服务预约")),
                 (DECORATION, _("装修")), (FEES, _("收费"))]

# F-01 what a contact became, decided in the one registration step
TO_COMPLAINT, TO_WORKORDER, TO_SERVICE, ANSWERED = "complaint", "workorder", "service", "answered"
OUTCOMES = [(TO_COMPLAINT, _("转投诉")), (TO_WORKORDER, _("派工单")), (TO_SERVICE, _("特约服务咨询")),
            (ANSWERED, _("当场答复"))]


class Contact(models.Model):
    """One line of 客户来电来访信息登记表 (F-01)."""

    channel = models.CharField(_("方式"), max_length=8, choices=CHANNELS, default=PHONE)
    unit = models.CharField(_("房号/单位"), max_length=128, blank=True)
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    name = models.CharField(_("客户姓名"), max_length=64)
    phone = models.CharField(_("电话"), max_length=32, blank=True)
    request = models.TextField(_("客户诉求"), max_length=limits.TEXT)
    expectation = models.TextField(_("客户期望"), blank=True, max_length=limits.NOTE)
    requested_reply_at = models.DateTimeField(_("要求答复时间"), null=True, blank=True)
    request_type = models.CharField(_("诉求类别"), max_length=16, choices=REQUEST_TYPES)
    received_at = models.DateTimeField(_("登记时间"))
    outcome = models.CharField(_("处理方式"), max_length=16, choices=OUTCOMES)
    answer = models.TextField(_("答复内容"), blank=True, max_length=limits.NOTE)
    result_type = models.CharField(max_length=16, blank=True)   # "complaint" / "workorder" / ""
    result_id = models.BigIntegerField(null=True, blank=True)
    result_number = models.CharField(_("联系单号"), max_length=32, blank=True)
    received_by_id = models.BigIntegerField(null=True)
    received_by_name = models.CharField(_("登记人"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return number_of("LD", self.created_at, self.pk)


OPEN, CALLED_BACK = "open", "called_back"
CALL_STATUSES = [(OPEN, _("未回电")), (CALLED_BACK, _("已回电"))]
CALL_TRANSITIONS: dict[tuple[str, str], str] = {
    ("callback_reached", OPEN): CALLED_BACK,
    ("callback_unreached", OPEN): OPEN,   # tried, nobody answered: stays on the list, attempt kept as event
}


class MissedCall(models.Model):
    """F-03: a call not answered in time, kept until someone calls back and reaches the caller."""

    phone = models.CharField(_("来电号码"), max_length=32)
    missed_at = models.DateTimeField(_("来电时间"))
    status = models.CharField(_("状态"), max_length=16, choices=CALL_STATUSES, default=OPEN)
    called_back_at = models.DateTimeField(_("回电时间"), null=True, blank=True)
    called_back_by_name = models.CharField(_("回电人"), max_length=64, blank=True)
    result = models.TextField(_("回电结果"), blank=True, max_length=limits.NOTE)
    attempts = models.PositiveSmallIntegerField(_("回电次数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-missed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.phone} {self.missed_at:%m-%d %H:%M}"


INSIDE, LEFT = "inside", "left"
VISITOR_STATUSES = [(INSIDE, _("在楼内")), (LEFT, _("已离开"))]
VISITOR_TRANSITIONS: dict[tuple[str, str], str] = {("check_out", INSIDE): LEFT}


class Visitor(models.Model):
    """F-04: one line of 来访人员情况登记表 in an office tower."""

    name = models.CharField(_("来访人"), max_length=64)
    company = models.CharField(_("拜访单位"), max_length=128)
    phone = models.CharField(_("电话"), max_length=32)
    building = models.ForeignKey("residents.Building", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    purpose = models.CharField(_("事由"), max_length=255, blank=True)
    time_in = models.DateTimeField(_("进入时间"))
    time_out = models.DateTimeField(_("离开时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=VISITOR_STATUSES, default=INSIDE)
    registered_by_name = models.CharField(_("登记人"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-time_in", "-id"]

    def __str__(self) -> str:
        return f"{self.name} → {self.company}"
