"""Daily inspection rounds 巡查 over public areas (F-05)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

# F-05 the checklist of a round
CHECKLIST = [
    ("cleanliness", _("公共区域卫生")), ("greening", _("绿化管养")), ("toilets", _("公共卫生间")),
    ("facilities", _("公共设施完好")), ("fire_exits", _("消防通道")), ("decoration", _("装修现场")),
    ("stale_notices", _("过期温馨提示")), ("illegal_adverts", _("违规小广告")),
]
CHECKLIST_KEYS = [key for key, _label in CHECKLIST]

OPEN, SUBMITTED, REVIEWED = "open", "submitted", "reviewed"
STATUSES = [(OPEN, _("巡查中")), (SUBMITTED, _("已提交")), (REVIEWED, _("已审核"))]
TRANSITIONS: dict[tuple[str, str], str] = {
    ("submit", OPEN): SUBMITTED,
    ("review", SUBMITTED): REVIEWED,   # the supervisor signs the previous day's records
}


class InspectionRound(models.Model):
    area = models.CharField(_("巡查区域"), max_length=128)
    building = models.ForeignKey("residents.Building", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    started_at = models.DateTimeField(_("巡查时间"))
    inspector_id = models.BigIntegerField(null=True)
    inspector_name = models.CharField(_("巡查人"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=OPEN)
    checklist = models.JSONField(_("检查结果"), default=dict)   # {key: "ok" | "issue"}
    note = models.TextField(_("备注"), blank=True, max_length=limits.NOTE)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by_name = models.CharField(_("审核人"), max_length=64, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True, max_length=limits.NOTE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.area} {self.started_at:%Y-%m-%d %H:%M}"


class InspectionFinding(models.Model):
    """A problem found on a round; it becomes a work order and is followed until that order closes."""

    round = models.ForeignKey(InspectionRound, on_delete=models.PROTECT, related_name="findings")
    category = models.CharField(_("检查项"), max_length=32, choices=CHECKLIST)
    description = models.TextField(_("问题描述"), max_length=limits.NOTE)
    location = models.CharField(_("位置"), max_length=128, blank=True)
    work_order = models.ForeignKey("frontdesk.WorkOrder", on_delete=models.PROTECT, related_name="+")
    found_at = models.DateTimeField(_("发现时间"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["found_at", "id"]

    def __str__(self) -> str:
        return self.description[:40]
