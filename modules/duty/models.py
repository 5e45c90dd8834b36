"""Duty and handover 值班 / 交接班 (D-01..D-07). Office schema.

Users live in the public schema, so people are kept as plain ids plus the name shown on the printed
forms (`*_id`, `*_name`). Nothing here is deleted: a changed assignment is superseded by a new row
(D-03), a corrected log entry is followed by a new entry pointing at it (D-06)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits


class Post(models.Model):
    """岗位 with the items handed over at every change of shift (D-05)."""

    name = models.CharField(_("岗位"), max_length=64, unique=True)
    checklist = models.JSONField(_("交接物品"), default=list, blank=True)  # ["钥匙", "对讲机", …]
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ShiftTemplate(models.Model):
    """A shift of the office (D-01), configurable. `end <= start` means it ends the next day."""

    code = models.SlugField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("班次"), max_length=64)
    start = models.TimeField(_("开始"))
    end = models.TimeField(_("结束"))
    post = models.ForeignKey(Post, on_delete=models.PROTECT, null=True, blank=True, related_name="shifts")
    keeps_log = models.BooleanField(_("记录值班记录表"), default=True)  # the director's shift signs instead
    is_active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "start", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start


class Assignment(models.Model):
    """One person on one shift of one date (the monthly roster, D-01). Changed only by a superseding
    row written when a leave or swap is approved (D-03)."""

    ACTIVE, SUPERSEDED = "active", "superseded"
    STATUSES = [(ACTIVE, _("有效")), (SUPERSEDED, _("已替换"))]

    date = models.DateField(_("日期"), db_index=True)
    shift = models.ForeignKey(ShiftTemplate, on_delete=models.PROTECT, related_name="assignments")
    user_id = models.BigIntegerField(db_index=True)
    user_name = models.CharField(_("值班人"), max_length=150)
    status = models.CharField(max_length=16, choices=STATUSES, default=ACTIVE)
    superseded_by = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="supersedes")
    created_by_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "shift__order", "shift__start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["date", "shift", "user_id"], condition=models.Q(status="active"),
                                    name="duty_assignment_active_once"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.shift.name} {self.user_name}"


class DutyRequest(models.Model):
    """A leave or swap request (D-03): nothing changes on the roster until the supervisor approves."""

    LEAVE, SWAP = "leave", "swap"
    KINDS = [(LEAVE, _("请假")), (SWAP, _("调班"))]
    PENDING, APPROVED, REFUSED, WITHDRAWN = "pending", "approved", "refused", "withdrawn"
    STATUSES = [(PENDING, _("待审批")), (APPROVED, _("已批准")), (REFUSED, _("已拒绝")),
                (WITHDRAWN, _("已撤回"))]
    TRANSITIONS = {PENDING: {APPROVED, REFUSED, WITHDRAWN}, APPROVED: set(), REFUSED: set(), WITHDRAWN: set()}

    kind = models.CharField(_("类型"), max_length=16, choices=KINDS)
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="requests")
    swap_with = models.ForeignKey(Assignment, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="swap_requests")
    requester_id = models.BigIntegerField(db_index=True)
    requester_name = models.CharField(max_length=150)
    reason = models.TextField(_("事由"), max_length=limits.NOTE)
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=PENDING)
    substitute_id = models.BigIntegerField(null=True, blank=True)
    substitute_name = models.CharField(_("顶班人"), max_length=150, blank=True)
    decided_by_id = models.BigIntegerField(null=True, blank=True)
    decided_by_name = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, max_length=limits.NOTE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class ShiftInstance(models.Model):
    """A shift template on one date: the unit the log, the handover and the director's signature
    belong to (D-05, D-06). Created on first use."""

    PLANNED, ON_DUTY, CLOSED = "planned", "on_duty", "closed"
    STATUSES = [(PLANNED, _("未开始")), (ON_DUTY, _("当班")), (CLOSED, _("已交班"))]
    TRANSITIONS = {PLANNED: {ON_DUTY, CLOSED}, ON_DUTY: {CLOSED}, CLOSED: set()}

    shift = models.ForeignKey(ShiftTemplate, on_delete=models.PROTECT, related_name="instances")
    date = models.DateField(_("日期"), db_index=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=PLANNED)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    signed_by_id = models.BigIntegerField(null=True, blank=True)  # the duty director (D-06)
    signed_by_name = models.CharField(max_length=150, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [models.UniqueConstraint(fields=["shift", "date"], name="duty_instance_once")]

    def __str__(self) -> str:
        return f"{self.date} {self.shift.name}"


class Arrival(models.Model):
    """When a person arrived for a shift; later than `duty.arrive_early_minutes` before the start is
    late (D-04), kept for assessment."""

    instance = models.ForeignKey(ShiftInstance, on_delete=models.PROTECT, related_name="arrivals")
    user_id = models.BigIntegerField()
    user_name = models.CharField(max_length=150)
    arrived_at = models.DateTimeField()
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["arrived_at"]
        constraints = [models.UniqueConstraint(fields=["instance", "user_id"], name="duty_arrival_once")]

    def __str__(self) -> str:
        return f"{self.user_name} {self.arrived_at:%H:%M}"


class LogEntry(models.Model):
    """One line of the duty log 值班记录表 (D-06). Never edited: a correction is a new entry whose
    `corrects` points at the entry it replaces. `important` open entries block the handover (D-05)."""

    KINDS = [("inquiry", _("咨询")), ("help", _("求助")), ("complaint", _("投诉")),
             ("incident", _("突发事件")), ("patrol", _("巡查")), ("other", _("其他"))]
    KIND_CODES = {code for code, _label in KINDS}

    instance = models.ForeignKey(ShiftInstance, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="entries")
    day = models.DateField(_("日期"), db_index=True)
    occurred_at = models.DateTimeField(_("时间"))
    kind = models.CharField(_("类别"), max_length=16, choices=KINDS)
    content = models.TextField(_("内容"), max_length=limits.TEXT)
    action = models.TextField(_("处理措施"), blank=True, max_length=limits.NOTE)
    result = models.TextField(_("结果"), blank=True, max_length=limits.NOTE)
    note = models.CharField(_("备注"), max_length=255, blank=True)
    important = models.BooleanField(_("重要"), default=False)
    # D-02: a patrol that found something not up to standard; only such a patrol needs an action
    abnormal = models.BooleanField(_("发现异常"), default=False)
    corrects = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="correction")
    source_type = models.CharField(max_length=32, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)
    source_number = models.CharField(_("来源单号"), max_length=32, blank=True)  # what staff read (D-06)
    # D-06: a second record the same event belongs to (a call that became a complaint: one line, both)
    link_type = models.CharField(max_length=32, blank=True)
    link_id = models.BigIntegerField(null=True, blank=True)
    link_number = models.CharField(_("关联单号"), max_length=32, blank=True)
    after_archive = models.BooleanField(default=False)  # written into an archived month (noted, D-07)
    released_by_id = models.BigIntegerField(null=True, blank=True)  # supervisor lets the handover pass
    released_by_name = models.CharField(max_length=150, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    author_id = models.BigIntegerField(null=True, blank=True)
    author_name = models.CharField(_("记录人"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


class Handover(models.Model):
    """交接班 of one shift instance to the next (D-05). Complete only when the incoming officer has
    checked every item, read the log, checked the area (any anomaly explained by the outgoing officer)
    and both have signed; then the new shift begins."""

    OPEN, COMPLETED = "open", "completed"
    STATUSES = [(OPEN, _("交接中")), (COMPLETED, _("已完成"))]
    TRANSITIONS = {OPEN: {COMPLETED}, COMPLETED: set()}

    outgoing = models.OneToOneField(ShiftInstance, on_delete=models.PROTECT, related_name="handover_out")
    incoming = models.OneToOneField(ShiftInstance, on_delete=models.PROTECT, related_name="handover_in")
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=OPEN)
    unfinished_work = models.TextField(_("未完成工作"), blank=True, max_length=limits.NOTE)
    area_note = models.TextField(_("区域检查情况"), blank=True, max_length=limits.NOTE)
    outgoing_user_id = models.BigIntegerField()
    outgoing_user_name = models.CharField(_("交班人"), max_length=150)
    incoming_user_id = models.BigIntegerField(null=True, blank=True)
    incoming_user_name = models.CharField(_("接班人"), max_length=150, blank=True)
    opened_at = models.DateTimeField()
    log_read_at = models.DateTimeField(null=True, blank=True)
    # D-05: the incoming officer checks the area; an anomaly found is explained by the outgoing officer
    area_checked_at = models.DateTimeField(null=True, blank=True)
    area_check_note = models.TextField(_("接班区域检查"), blank=True, max_length=limits.NOTE)
    area_anomaly = models.TextField(_("发现的异常情况"), blank=True, max_length=limits.NOTE)
    anomaly_explanation = models.TextField(_("交班人解释"), blank=True, max_length=limits.NOTE)
    anomaly_explained_at = models.DateTimeField(null=True, blank=True)
    outgoing_signed_at = models.DateTimeField(null=True, blank=True)
    incoming_signed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return f"{self.outgoing} → {self.incoming}"


class HandoverItem(models.Model):
    PENDING, OK, DAMAGED, MISSING = "pending", "ok", "damaged", "missing"
    STATES = [(PENDING, _("未检查")), (OK, _("完好")), (DAMAGED, _("损坏")), (MISSING, _("缺失"))]

    handover = models.ForeignKey(Handover, on_delete=models.PROTECT, related_name="items")
    name = models.CharField(_("物品"), max_length=64)
    state = models.CharField(_("状态"), max_length=16, choices=STATES, default=PENDING)
    explanation = models.TextField(_("说明"), blank=True, max_length=limits.NOTE)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} {self.state}"



class DaySign(models.Model):
    """The supervisor's signature on the day's records (D-07)."""

    day = models.DateField(unique=True)
    signed_by_id = models.BigIntegerField()
    signed_by_name = models.CharField(max_length=150)
    signed_at = models.DateTimeField()
    note = models.TextField(blank=True, max_length=limits.NOTE)
    # D-07: what was still open when signed, acknowledged by the note (ids of entries, shifts, handovers)
    open_items = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} {self.signed_by_name}"



class WeekCheck(models.Model):
    """The manager's weekly check (D-07); `week_start` is a Monday."""

    week_start = models.DateField(unique=True)
    checked_by_id = models.BigIntegerField()
    checked_by_name = models.CharField(max_length=150)
    checked_at = models.DateTimeField()
    note = models.TextField(blank=True, max_length=limits.NOTE)
    unsigned_days = models.JSONField(default=list, blank=True)  # D-07: days of the week not signed then

    class Meta:
        ordering = ["-week_start"]

    def __str__(self) -> str:
        return f"{self.week_start} {self.checked_by_name}"



class MonthArchive(models.Model):
    """The records clerk archives a month (D-06/D-07): from then on only corrections, noted."""

    month = models.DateField(unique=True)  # the first day of the month
    archived_by_id = models.BigIntegerField()
    archived_by_name = models.CharField(max_length=150)
    archived_at = models.DateTimeField()

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"



class DutyEvent(models.Model):
    """Who did what and when, for every state change of the module (house rule)."""

    object_type = models.CharField(max_length=32)  # request | instance | handover | entry | day | week | month
    object_id = models.BigIntegerField()
    kind = models.CharField(max_length=32)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    note = models.TextField(blank=True, max_length=limits.NOTE)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id} {self.kind}"

