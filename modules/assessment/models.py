"""Staff assessment 考核 (A-01..A-04, C-20), office schema.

A Finding is one recorded item of a person's monthly sheet, made under one version of a group scoring
rule (S-08: its code, version id and points are copied here, so a later change rewrites nothing). The
per-person, per-rule, per-month Counter is locked while a finding is numbered, so two findings at once
never both count as the 3rd (A-01 ladder). A Proposal comes from an event (a valid complaint naming a
person, a praise …) and deducts nothing until the supervisor confirms it (A-04, C-20). Nothing is deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits
from modules.catalog.models import DIRECTIONS, LADDER_ACTIONS, SCORING_CATEGORIES


class Counter(models.Model):
    """How many findings of `rule_code` `person_id` has in `month` (first day): locked while numbering."""

    person_id = models.BigIntegerField()
    month = models.DateField()
    rule_code = models.CharField(max_length=32)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person_id", "month", "rule_code"],
                                               name="assessment_counter_unique")]

    def __str__(self) -> str:
        return f"{self.person_id}:{self.month}:{self.rule_code}={self.count}"


class Finding(models.Model):
    person_id = models.BigIntegerField(db_index=True)  # public-schema user id, a member of this office
    person_name = models.CharField(_("被考核人"), max_length=64)
    occurred_at = models.DateTimeField(_("发生时间"))
    month = models.DateField(_("月份"))  # first day of the month of occurred_at (Asia/Shanghai)
    rule_code = models.CharField(_("编号"), max_length=32)
    rule_version_id = models.BigIntegerField()
    category = models.CharField(_("类别"), max_length=16, choices=SCORING_CATEGORIES)
    description = models.CharField(_("项目"), max_length=255)
    direction = models.CharField(max_length=8, choices=DIRECTIONS)
    base_points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    extra_points = models.DecimalField(_("加扣分"), max_digits=6, decimal_places=2, default=0)
    points = models.DecimalField(_("得分"), max_digits=7, decimal_places=2)  # signed: − deducts, + adds
    pay_deduction = models.DecimalField(_("扣款（元）"), max_digits=12, decimal_places=2, default=0)
    count_in_month = models.PositiveIntegerField(_("本月第几次"))
    step = models.CharField(_("处分"), max_length=20, choices=LADDER_ACTIONS, blank=True)
    note = models.CharField(_("备注"), max_length=limits.LINE, blank=True)
    photo = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by_id = models.BigIntegerField(null=True)
    recorded_by_name = models.CharField(_("记录人"), max_length=64, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    proposal = models.OneToOneField("Proposal", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="finding")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["month", "person_id"], name="assessment_finding_month_idx")]

    def __str__(self) -> str:
        return f"{self.person_name} {self.rule_code} {self.points}"


PENDING, CONFIRMED, REJECTED = "pending", "confirmed", "rejected"
PROPOSAL_STATUSES = [(PENDING, _("待确认")), (CONFIRMED, _("已确认")), (REJECTED, _("已驳回"))]
PROPOSAL_TRANSITIONS = {"confirm": {PENDING: CONFIRMED}, "reject": {PENDING: REJECTED}}
# where a proposal comes from: "praise" is a complaint record marked as praise (its id is the complaint's)
SOURCES = [("complaint", _("投诉")), ("praise", _("表扬")), ("duty", _("考勤")), ("training", _("培训")),
           ("visit", _("回访表扬")), ("note", _("表扬记录")), ("service", _("特约服务评价"))]


class Proposal(models.Model):
    """A-04/C-20: points an event proposes for a person; one per (source, person, rule)."""

    source_type = models.CharField(_("来源"), max_length=16, choices=SOURCES)
    source_id = models.BigIntegerField()
    source_number = models.CharField(_("来源编号"), max_length=32, blank=True)
    person_id = models.BigIntegerField(db_index=True)
    person_name = models.CharField(_("被考核人"), max_length=64)
    rule_code = models.CharField(_("编号"), max_length=32)
    occurred_at = models.DateTimeField(_("发生时间"))
    status = models.CharField(_("状态"), max_length=12, choices=PROPOSAL_STATUSES, default=PENDING, db_index=True)
    due_at = models.DateTimeField(_("确认期限"), null=True, db_index=True)
    overdue = models.BooleanField(default=False)
    reason = models.CharField(_("驳回理由"), max_length=limits.LINE, blank=True)
    decided_by_name = models.CharField(max_length=64, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["source_type", "source_id", "person_id", "rule_code"],
                                               name="assessment_proposal_once")]

    def __str__(self) -> str:
        return f"{self.source_type}:{self.source_number} {self.person_name}"


class PraiseNote(models.Model):
    """A-04: a resident's praise a staff member writes down (a letter, a call, a word at the desk) naming
    the person praised; it proposes the praise points (one proposal per note)."""

    person_id = models.BigIntegerField()
    person_name = models.CharField(_("被表扬人"), max_length=64)
    received_at = models.DateTimeField(_("表扬时间"))
    words = models.CharField(_("表扬内容"), max_length=limits.LINE)
    resident = models.CharField(_("表扬人"), max_length=limits.NAME, blank=True)
    recorded_by_name = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person_name} {self.received_at:%Y-%m-%d}"


class Sheet(models.Model):
    """A-02: a person's monthly 客服人员考核表: compiled by the supervisor, signed by the director."""

    DRAFT, COMPILED, SIGNED = "draft", "compiled", "signed"
    STATUSES = [(DRAFT, _("未汇总")), (COMPILED, _("已汇总")), (SIGNED, _("主任已签"))]
    TRANSITIONS = {"compile": {DRAFT: COMPILED, COMPILED: COMPILED}, "sign": {COMPILED: SIGNED}}
    person_id = models.BigIntegerField()
    person_name = models.CharField(max_length=64)
    month = models.DateField()
    status = models.CharField(max_length=12, choices=STATUSES, default=DRAFT)
    total = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    compiled_by_name = models.CharField(max_length=64, blank=True)
    compiled_at = models.DateTimeField(null=True, blank=True)
    signed_by_name = models.CharField(max_length=64, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    director_note = models.CharField(max_length=limits.LINE, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person_id", "month"], name="assessment_sheet_unique")]

    def __str__(self) -> str:
        return f"{self.person_name} {self.month:%Y-%m}"


class Event(models.Model):
    """Every state change of a finding, proposal or sheet: who, when, what (DESIGN.md convention 2)."""

    object_type = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    kind = models.CharField(max_length=24)
    actor_name = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=limits.LINE, blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="assessment_event_obj_idx")]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} {self.kind}"
