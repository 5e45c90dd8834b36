"""Residents' property in the office's care (M-01): parcels, keys and deposited items at the front desk,
and each loss or damage of one — recorded, reported to the resident (who, when, how) and resolved."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits
from modules.frontdesk.models.common import number_of

PARCEL, KEY, DEPOSIT, OTHER = "parcel", "key", "deposit", "other"
ITEM_KINDS = [(PARCEL, _("快递包裹")), (KEY, _("钥匙")), (DEPOSIT, _("寄存物品")), (OTHER, _("其他"))]

HELD = "held"          # in the office's care
RETURNED = "returned"  # handed back to the resident (or whom they named)
LOST = "lost"          # lost while in our care: an incident says what happened
ITEM_STATUSES = [(HELD, _("保管中")), (RETURNED, _("已领取")), (LOST, _("已遗失"))]
ITEM_TRANSITIONS: dict[tuple[str, str], str] = {
    ("return", HELD): RETURNED,
    ("lose", HELD): LOST,
}

LOSS, DAMAGE = "loss", "damage"
INCIDENT_KINDS = [(LOSS, _("遗失")), (DAMAGE, _("损坏"))]

OPEN = "open"            # recorded, the resident not yet told
REPORTED = "reported"    # the resident was told (who, when, how)
RESOLVED = "resolved"    # settled (compensation, repair, found…), the resolution recorded
INCIDENT_STATUSES = [(OPEN, _("待告知住户")), (REPORTED, _("已告知住户")), (RESOLVED, _("已处理完毕"))]
INCIDENT_TRANSITIONS: dict[tuple[str, str], str] = {
    ("report", OPEN): REPORTED,      # M-01: the resident is told before anything is settled
    ("resolve", REPORTED): RESOLVED,
}

PHONE, VISIT, WRITTEN, SMS = "phone", "visit", "written", "sms"
REPORT_METHODS = [(PHONE, _("电话")), (VISIT, _("当面/上门")), (WRITTEN, _("书面")), (SMS, _("短信"))]


class CustodyItem(models.Model):
    """One line of the register of residents' property kept at the front desk (M-01)."""

    kind = models.CharField(_("物品类别"), max_length=16, choices=ITEM_KINDS)
    description = models.CharField(_("物品描述"), max_length=255)
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("所属住户"))
    owner_name = models.CharField(_("物主姓名"), max_length=64, blank=True)
    storage_location = models.CharField(_("存放位置"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ITEM_STATUSES, default=HELD)
    received_at = models.DateTimeField(_("接收时间"))
    received_by_name = models.CharField(_("接收人"), max_length=64, blank=True)
    returned_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    returned_to = models.CharField(_("领取人"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return number_of("BG", self.created_at, self.pk)


class CustodyIncident(models.Model):
    """A loss or damage of an item in our care (M-01): what, when, how; the report to the resident
    (who was told, when, how, by whom); the resolution."""

    item = models.ForeignKey(CustodyItem, on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(_("类型"), max_length=16, choices=INCIDENT_KINDS)
    occurred_at = models.DateTimeField(_("发生/发现时间"))
    circumstances = models.TextField(_("经过"), max_length=limits.TEXT)
    status = models.CharField(_("状态"), max_length=16, choices=INCIDENT_STATUSES, default=OPEN)
    recorded_by_name = models.CharField(_("登记人"), max_length=64, blank=True)
    recorded_at = models.DateTimeField(_("登记时间"))
    reported_to = models.CharField(_("告知对象"), max_length=64, blank=True)
    report_method = models.CharField(_("告知方式"), max_length=16, choices=REPORT_METHODS, blank=True)
    reported_at = models.DateTimeField(_("告知时间"), null=True, blank=True)
    reported_by_name = models.CharField(_("告知人"), max_length=64, blank=True)
    report_note = models.TextField(_("住户意见"), blank=True, max_length=limits.NOTE)
    resolution = models.TextField(_("处理结果"), blank=True, max_length=limits.NOTE)
    resolved_at = models.DateTimeField(_("处理完毕时间"), null=True, blank=True)
    resolved_by_name = models.CharField(_("处理人"), max_length=64, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item} {self.kind}"
