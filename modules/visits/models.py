"""Return visits 回访 (V-05, C-13, C-14), office schema.

One `ReturnVisit` per finished matter handed to `services.visit_schedule` (a complaint, a repair work order,
a long-term agreement's mid-term or end): the source is a kind + id (+ occasion), unique, so a matter is
scheduled once. A sampled kind keeps its sampling decision on the row (drawn value, rate in force, yes/no),
never re-drawn. Attempts (up to 3) and events are never edited or deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

# --- source kinds ---------------------------------------------------------------------------------
COMPLAINT = "complaint"
WORKORDER = "workorder"
AGREEMENT = "agreement"
SERVICE = "service"  # S-07: a settled special-service job (modules/services), sampled
SOURCE_KINDS = [(COMPLAINT, _("投诉")), (WORKORDER, _("维修工单")), (AGREEMENT, _("长期服务协议")),
                (SERVICE, _("特约服务"))]

# --- statuses -------------------------------------------------------------------------------------
DUE = "due"  # to be made
ANSWERED = "answered"  # the resident answered
UNREACHED = "unreached"  # every allowed attempt failed
NOT_SAMPLED = "not_sampled"  # V-05: a sampled kind the draw left out (the row keeps the decision)
STATUSES = [(DUE, _("待回访")), (ANSWERED, _("已回访")), (UNREACHED, _("未能联系")), (NOT_SAMPLED, _("未抽中"))]

# action → {from: to}; an action missing for the status is refused (409)
TRANSITIONS: dict[str, dict[str, str]] = {
    "attempt": {DUE: DUE},
    "attempt_last_failed": {DUE: UNREACHED},
    "answer": {DUE: ANSWERED},
}
MAX_ATTEMPTS = 3  # V-05: up to 3 attempts, each kept

METHODS = [("phone", _("电话")), ("home_visit", _("上门")), ("message", _("微信/短信"))]

SATISFIED = "satisfied"
BASIC = "basically_satisfied"
DISSATISFIED = "dissatisfied"
ANSWERS = [(SATISFIED, _("满意")), (BASIC, _("基本满意")), (DISSATISFIED, _("不满意"))]

OCCASIONS = [("", _("结束后")), ("mid", _("中期")), ("end", _("到期"))]


class ReturnVisit(models.Model):
    source_kind = models.CharField(_("来源"), max_length=16, choices=SOURCE_KINDS)
    source_id = models.BigIntegerField(_("来源编号"))
    occasion = models.CharField(_("时点"), max_length=8, choices=OCCASIONS, blank=True, default="")
    source_number = models.CharField(_("单号"), max_length=32, blank=True)
    summary = models.CharField(_("事由"), max_length=200, blank=True)
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    contact_name = models.CharField(_("联系人"), max_length=64, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=DUE)
    due_at = models.DateTimeField(_("应回访时间"), null=True, blank=True)
    # V-05 sampling, stored with the row it was made for and never re-drawn (null: kind not sampled)
    sample_rate_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    sample_draw = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    sampled = models.BooleanField(null=True)
    answer = models.CharField(_("回访结果"), max_length=24, choices=ANSWERS, blank=True)
    answer_words = models.TextField(_("客户意见"), max_length=limits.NOTE, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    follow_up_complaint_id = models.BigIntegerField(null=True, blank=True)  # C-13: the new complaint
    overdue_marked_at = models.DateTimeField(null=True, blank=True)  # once-only reminder marker
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [models.UniqueConstraint(fields=["source_kind", "source_id", "occasion"],
                                               name="visits_one_per_source")]
        indexes = [models.Index(fields=["status", "due_at"], name="visits_status_due"),
                   models.Index(fields=["answered_at"], name="visits_answered_at")]

    def __str__(self) -> str:
        return f"{self.get_source_kind_display()} {self.source_number}"

    def is_overdue(self, now) -> bool:
        return self.status == DUE and self.due_at is not None and self.due_at < now


class VisitAttempt(models.Model):
    visit = models.ForeignKey(ReturnVisit, on_delete=models.PROTECT, related_name="attempts")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_name = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(_("回访时间"))
    method = models.CharField(_("方式"), max_length=16, choices=METHODS)
    reached = models.BooleanField(_("已联系上"))
    note = models.CharField(_("备注"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.visit_id} {self.method} {self.at:%Y-%m-%d %H:%M}"


class VisitEvent(models.Model):
    visit = models.ForeignKey(ReturnVisit, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=24)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.visit_id} {self.kind}"


# --- resident visits 走访 (V-01, V-02) ---------------------------------------------------------------
# V-01: what a visit asks about, each rated 1 (very poor) .. 5 (very good)
TOPICS = [
    ("security", _("治安")), ("cleaning", _("保洁")), ("greening", _("绿化")),
    ("repair_skill", _("维修技能")), ("repair_attitude", _("维修态度")), ("repair_timeliness", _("维修及时性")),
    ("facilities", _("休闲及儿童设施")), ("staff_attitude", _("管理人员态度")),
]
RATING_MIN, RATING_MAX = 1, 5
RATING_LABELS = [(5, _("很好")), (4, _("好")), (3, _("一般")), (2, _("差")), (1, _("很差"))]

# V-02: a plan's household (PlanTarget) and the monthly summary move by these actions; an action missing
# for the current state is refused (409). States are read from the rows (`PlanTarget.state`,
# `MonthlyVisitSummary.state`): a household is visited once it has a visit time, a summary signed once signed.
PLANNED, VISITED = "planned", "visited"
TARGET_TRANSITIONS: dict[str, dict[str, str]] = {
    "visit": {PLANNED: VISITED, VISITED: VISITED},  # a second visit keeps the first time
}
DRAFT, SIGNED = "draft", "signed"
SUMMARY_STATES = [(DRAFT, _("草稿")), (SIGNED, _("已签署"))]
SUMMARY_TRANSITIONS: dict[str, dict[str, str]] = {
    "edit": {DRAFT: DRAFT},
    "sign": {DRAFT: SIGNED},  # signed is frozen
}


class VisitPlan(models.Model):
    """V-02: the office's visit plan of a period, covering every active household of the roster."""

    period_start = models.DateField(_("开始日期"))
    period_end = models.DateField(_("结束日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [models.UniqueConstraint(fields=["period_start", "period_end"], name="visits_plan_period")]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}"


class PlanTarget(models.Model):
    """One household of a plan and the staff member it is given to; `visited_at` once visited."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.PROTECT, related_name="targets")
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    visited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "household"], name="visits_target_once")]
        indexes = [models.Index(fields=["plan", "staff"], name="visits_target_staff")]

    def __str__(self) -> str:
        return f"{self.plan_id}:{self.household_id}"

    @property
    def state(self) -> str:
        return PLANNED if self.visited_at is None else VISITED


class ResidentVisit(models.Model):
    """V-01: one visit to a household: each topic rated, with the resident's words."""

    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(PlanTarget, null=True, blank=True, on_delete=models.PROTECT, related_name="visits")
    visited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    visited_at = models.DateTimeField(_("走访时间"), db_index=True)
    ratings = models.JSONField(_("评分"))  # topic → 1..5, only the TOPICS keys
    comments = models.TextField(_("业户意见"), max_length=limits.NOTE, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_at", "-id"]

    def __str__(self) -> str:
        return f"{self.household_id} {self.visited_at:%Y-%m-%d}"


class VisitFeedback(models.Model):
    """V-02: what was given back to the resident (by the CS supervisor) about their visit."""

    visit = models.ForeignKey(ResidentVisit, on_delete=models.PROTECT, related_name="feedback")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    method = models.CharField(_("方式"), max_length=16, choices=METHODS)
    text = models.TextField(_("反馈内容"), max_length=limits.NOTE)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.visit_id} {self.at:%Y-%m-%d}"


class MonthlyVisitSummary(models.Model):
    """V-02: the director's monthly visit summary, drafted on the 1st from the month's visits (figures
    per topic, worst buildings, quotes), the narrative edited and then signed (frozen)."""

    month = models.DateField(_("月份"), unique=True)  # the first day of the month
    figures = models.JSONField(default=dict)
    narrative = models.TextField(_("总结"), max_length=limits.TEXT, blank=True)
    drafted_at = models.DateTimeField()
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def state(self) -> str:
        return DRAFT if self.signed_at is None else SIGNED


class ResidentVisitEvent(models.Model):
    """V-02: one line of a resident-visit record's history — a plan created, a visit recorded, feedback
    given, a summary drafted, edited or signed — written in the transaction of the write. Each row names
    exactly one subject (plan, visit or summary). Never updated or deleted."""

    PLAN_CREATED, VISITED, FEEDBACK = "plan_created", "visited", "feedback"
    DRAFTED, EDITED, SIGNED = "summary_drafted", "summary_edited", "summary_signed"
    KINDS = [(PLAN_CREATED, _("制定走访计划")), (VISITED, _("记录走访")), (FEEDBACK, _("向业户反馈")),
             (DRAFTED, _("起草总结")), (EDITED, _("修改总结")), (SIGNED, _("签署总结"))]

    plan = models.ForeignKey(VisitPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    visit = models.ForeignKey(ResidentVisit, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    summary = models.ForeignKey(MonthlyVisitSummary, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="events")
    kind = models.CharField(max_length=24, choices=KINDS)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(
            condition=(models.Q(plan__isnull=False, visit__isnull=True, summary__isnull=True)
                       | models.Q(plan__isnull=True, visit__isnull=False, summary__isnull=True)
                       | models.Q(plan__isnull=True, visit__isnull=True, summary__isnull=False)),
            name="visits_resident_event_one_subject")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
