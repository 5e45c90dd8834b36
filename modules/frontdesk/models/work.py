"""Work orders 工单 (F-02): dispatched to a department, accepted, done, verified by the front desk."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits
from modules.frontdesk.models.common import number_of

ENGINEERING, SECURITY, CLEANING, GREENING = "engineering", "security", "cleaning", "greening"
DEPARTMENTS = [(ENGINEERING, _("工程部")), (SECURITY, _("安全部")), (CLEANING, _("保洁部")),
               (GREENING, _("绿化部"))]

DISPATCHED = "dispatched"  # sent to the department, waiting for it to accept
ACCEPTED = "accepted"      # the department took it on
DONE = "done"              # the department reports it finished
VERIFIED = "verified"      # the front desk checked the result: closed
CANCELLED = "cancelled"    # withdrawn by the front desk (with a reason)
STATUSES = [(DISPATCHED, _("已派单")), (ACCEPTED, _("已接单")), (DONE, _("已完成")), (VERIFIED, _("已验证")),
            (CANCELLED, _("已取消"))]
OPEN_STATUSES = (DISPATCHED, ACCEPTED)
CLOSED_STATUSES = (VERIFIED, CANCELLED)

# (action, from status) → to status. Who may take an action is decided in services.workorders.
TRANSITIONS: dict[tuple[str, str], str] = {
    ("accept", DISPATCHED): ACCEPTED,
    ("done", ACCEPTED): DONE,
    ("verify", DONE): VERIFIED,
    ("reject", DONE): ACCEPTED,       # verification failed: back to the department (返工)
    ("cancel", DISPATCHED): CANCELLED,
    ("cancel", ACCEPTED): CANCELLED,
}
DEPARTMENT_ACTIONS = ("accept", "done")
FRONT_ACTIONS = ("verify", "reject", "cancel")


class WorkOrder(models.Model):
    department = models.CharField(_("责任部门"), max_length=16, choices=DEPARTMENTS)
    content = models.TextField(_("工作内容"), max_length=limits.TEXT)
    location = models.CharField(_("地点/房号"), max_length=128, blank=True)
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    source_type = models.CharField(max_length=32, blank=True)  # "contact", "inspection_finding", ""
    source_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=DISPATCHED)
    dispatched_at = models.DateTimeField(_("派单时间"))
    due_at = models.DateTimeField(_("应完成时间"))
    accepted_at = models.DateTimeField(_("接单时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    verified_at = models.DateTimeField(_("验证时间"), null=True, blank=True)
    result = models.TextField(_("处理结果"), blank=True, max_length=limits.NOTE)
    overdue_for = models.DateTimeField(null=True, blank=True)  # F-02: the due time last reported overdue
    created_by_name = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dispatched_at", "-id"]
        indexes = [models.Index(fields=["department", "status"], name="fd_wo_dept_status"),
                   models.Index(fields=["status", "due_at"], name="fd_wo_status_due")]  # the F-02 clock

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return number_of("GD", self.created_at, self.pk)

    def is_overdue(self, now) -> bool:
        """F-02: an open order past its due time is flagged."""
        return self.status in OPEN_STATUSES and self.due_at < now
