"""The group catalog of special services 特约服务 (S-01, S-08), public schema.

An item enters the catalog only through an approved proposal (S-01: the office manager proposes with the
residents' survey result, the general manager approves or rejects with a reason). Rates are versions with an
effective date (S-08): a new rate applies from its date on; a booking keeps the rate it was quoted from.
Stopping an item is a proposal too (seed 002 §4.3 b). Rows here are never edited except an item's status and
its list of offices; every change writes a CatalogEvent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

CATEGORIES = [("cleaning", _("家政保洁")), ("appliance", _("家电维修")), ("plumbing", _("管道疏通")),
              ("errand", _("代办")), ("other", _("其他"))]
UNITS = [("job", _("每次")), ("hour", _("每小时")), ("sqm", _("每平方米")), ("month", _("每月"))]

ACTIVE, STOPPED = "active", "stopped"
ITEM_STATUSES = [(ACTIVE, _("在用")), (STOPPED, _("已停止"))]

NEW_ITEM, NEW_RATE, STOP_ITEM = "new_item", "new_rate", "stop_item"
PROPOSAL_KINDS = [(NEW_ITEM, _("新增服务项目")), (NEW_RATE, _("调整收费标准")), (STOP_ITEM, _("停止服务项目"))]
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
PROPOSAL_STATUSES = [(PENDING, _("待审批")), (APPROVED, _("已批准")), (REJECTED, _("已驳回"))]
# action → {from: to}; anything else is refused (409)
PROPOSAL_TRANSITIONS = {"approve": {PENDING: APPROVED}, "reject": {PENDING: REJECTED}}


def money_field(label):
    return models.DecimalField(label, max_digits=12, decimal_places=2)


class ServiceItem(models.Model):
    code = models.CharField(_("编号"), max_length=16, unique=True)
    name = models.CharField(_("服务项目"), max_length=limits.NAME)
    category = models.CharField(_("类别"), max_length=16, choices=CATEGORIES)
    unit = models.CharField(_("计价单位"), max_length=8, choices=UNITS)
    standard = models.TextField(_("服务标准"), max_length=limits.NOTE, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=ITEM_STATUSES, default=ACTIVE)
    stopped_from = models.DateField(_("停止日期"), null=True, blank=True)
    # the offices that may offer it; none listed: every office
    offices = models.ManyToManyField("tenants.Tenant", blank=True, related_name="+", verbose_name=_("可开展的管理处"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ServiceRate(models.Model):
    """One version of an item's rate (S-08): in force from `effective_from` (a date, Asia/Shanghai) until
    the next version's date. Never edited."""

    item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="rates")
    price = money_field(_("收费标准"))
    deposit = money_field(_("押金/预交"))
    effective_from = models.DateField(_("生效日期"))
    proposal = models.ForeignKey("ServiceProposal", null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "-effective_from", "-id"]
        indexes = [models.Index(fields=["item", "effective_from"], name="svc_rate_item_from")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.price} @ {self.effective_from}"


class ServiceProposal(models.Model):
    """S-01: an office manager's proposal (new item, new rate, stop an item) awaiting the general manager."""

    kind = models.CharField(_("类型"), max_length=12, choices=PROPOSAL_KINDS)
    status = models.CharField(_("状态"), max_length=12, choices=PROPOSAL_STATUSES, default=PENDING)
    office = models.ForeignKey("tenants.Tenant", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(ServiceItem, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals")
    name = models.CharField(_("服务项目"), max_length=limits.NAME, blank=True)
    category = models.CharField(_("类别"), max_length=16, choices=CATEGORIES, blank=True)
    unit = models.CharField(_("计价单位"), max_length=8, choices=UNITS, blank=True)
    standard = models.TextField(_("服务标准"), max_length=limits.NOTE, blank=True)
    price = models.DecimalField(_("收费标准"), max_digits=12, decimal_places=2, null=True, blank=True)
    deposit = models.DecimalField(_("押金/预交"), max_digits=12, decimal_places=2, null=True, blank=True)
    effective_from = models.DateField(_("生效日期"), null=True, blank=True)
    survey_households = models.PositiveIntegerField(_("调查户数"), default=0)
    survey_in_favour = models.PositiveIntegerField(_("赞成户数"), default=0)
    survey_summary = models.TextField(_("调查结果"), max_length=limits.NOTE, blank=True)
    reason = models.TextField(_("理由"), max_length=limits.NOTE, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_reason = models.TextField(_("审批意见"), max_length=limits.NOTE, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["status", "proposed_at"], name="svc_proposal_status")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class CatalogEvent(models.Model):
    """Who did what to a proposal or an item, and when; nothing here is ever updated."""

    entity = models.CharField(max_length=16)  # "proposal" / "item"
    entity_id = models.BigIntegerField()
    action = models.CharField(max_length=32)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(max_length=limits.NOTE, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["entity", "entity_id"], name="svc_catalog_event_entity")]

    def __str__(self) -> str:
        return f"{self.entity}#{self.entity_id} {self.action}"
