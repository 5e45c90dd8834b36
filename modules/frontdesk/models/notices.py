"""Notices to residents (F-06, M-01): told in advance, to the affected buildings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

KINDS = [("water_cut", _("停水")), ("power_cut", _("停电")), ("spraying", _("消杀/喷药")), ("works", _("施工")),
         ("event", _("社区活动")), ("fee_report", _("收费/财务公示")), ("other", _("其他"))]

DRAFT, PUBLISHED, WITHDRAWN = "draft", "published", "withdrawn"
STATUSES = [(DRAFT, _("草稿")), (PUBLISHED, _("已发布")), (WITHDRAWN, _("已撤回"))]
TRANSITIONS: dict[tuple[str, str], str] = {
    ("publish", DRAFT): PUBLISHED,
    ("withdraw", PUBLISHED): WITHDRAWN,   # a correction: the notice leaves the board, the row stays
}


class Notice(models.Model):
    kind = models.CharField(_("类型"), max_length=16, choices=KINDS)
    title = models.CharField(_("标题"), max_length=128)
    body = models.TextField(_("内容"), max_length=limits.TEXT)
    buildings = models.ManyToManyField("residents.Building", blank=True, related_name="+",
                                       verbose_name=_("影响楼栋"))
    all_buildings = models.BooleanField(_("全体楼栋"), default=False)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=DRAFT)
    publish_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by_name = models.CharField(_("起草人"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-publish_at", "-created_at", "-id"]
        indexes = [models.Index(fields=["status", "ends_at"], name="fd_notice_board")]

    def __str__(self) -> str:
        return self.title
