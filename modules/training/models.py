"""Training 培训 (A-05, A-06), office schema.

A `Plan` is the annual or the monthly training plan 培训计划表: the supervisor drafts and submits it, the office
director approves it (A-05: annual by 10 Dec / 20 Dec, monthly by the 25th / 30th; the days are catalog
settings). A `Session` is one class with its attendance (present, excused, unexcused absence) and prints as the
培训记录表. An `ExamRound` is one exam (induction theory exam, monthly exam with written and practical parts,
quarterly fire-safety exam) held by its due time; each `ExamResult` is one person's sitting, numbered per round:
a failed sitting climbs the retake ladder (A-06: 1st −3 and retraining, 2nd −6, 3rd −10 and a deadline, then a
dismissal review). An `Induction` follows a new employee's 40 class hours within 5 working days and the theory
exam on the 10th working day. Nothing is deleted; every state change writes an `Event`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

ANNUAL, MONTHLY = "annual", "monthly"
PLAN_KINDS = [(ANNUAL, _("年度培训计划")), (MONTHLY, _("月度培训计划"))]
OPEN, SUBMITTED, APPROVED, RETURNED = "open", "submitted", "approved", "returned"
PLAN_STATUSES = [(OPEN, _("待编制")), (SUBMITTED, _("待审批")), (APPROVED, _("已批准")), (RETURNED, _("已退回"))]
PLAN_TRANSITIONS = {
    "item_add": {OPEN: OPEN, RETURNED: RETURNED},
    "submit": {OPEN: SUBMITTED, RETURNED: SUBMITTED},
    "approve": {SUBMITTED: APPROVED},
    "return": {SUBMITTED: RETURNED},
}
PLAN_NOT_SUBMITTED = (OPEN, RETURNED)

# seed 001 第3篇 4.0: the kinds of training
INDUCTION, REGULAR, MILITARY, FIRE, DRILL = "induction", "regular", "military", "fire", "drill"
CATEGORIES = [(INDUCTION, _("岗前培训")), (REGULAR, _("常规培训")), (MILITARY, _("军体培训")),
              (FIRE, _("消防知识培训")), (DRILL, _("演练"))]


class Plan(models.Model):
    kind = models.CharField(_("计划类型"), max_length=8, choices=PLAN_KINDS)
    period = models.DateField(_("计划期"))  # 1 Jan of the year (annual) or the 1st of the month (monthly)
    status = models.CharField(_("状态"), max_length=12, choices=PLAN_STATUSES, default=OPEN, db_index=True)
    submit_due_at = models.DateTimeField(_("上报期限"), db_index=True)
    approve_due_at = models.DateTimeField(_("审批期限"), db_index=True)
    note = models.CharField(_("说明"), max_length=limits.NOTE, blank=True)
    submitted_by_name = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by_name = models.CharField(max_length=64, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.CharField(_("退回理由"), max_length=limits.LINE, blank=True)
    # clock markers: each reminder and each overdue flag is told once
    submit_reminded_at = models.DateTimeField(null=True, blank=True)
    submit_overdue_at = models.DateTimeField(null=True, blank=True)
    approve_reminded_at = models.DateTimeField(null=True, blank=True)
    approve_overdue_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "period"], name="training_plan_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}"

    @property
    def label(self) -> str:
        return f"{self.period:%Y}" if self.kind == ANNUAL else f"{self.period:%Y-%m}"


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="items")
    category = models.CharField(_("类别"), max_length=12, choices=CATEGORIES)
    topic = models.CharField(_("培训内容"), max_length=limits.NAME)
    audience = models.CharField(_("对象"), max_length=limits.NAME, blank=True)
    trainer_name = models.CharField(_("讲师"), max_length=64, blank=True)
    planned_on = models.DateField(_("计划日期"), null=True, blank=True)
    class_hours = models.DecimalField(_("课时"), max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return self.topic


SCHEDULED, HELD, CANCELLED = "scheduled", "held", "cancelled"
SESSION_STATUSES = [(SCHEDULED, _("待培训")), (HELD, _("已记录")), (CANCELLED, _("已取消"))]
SESSION_TRANSITIONS = {"attendance": {SCHEDULED: SCHEDULED, HELD: HELD}, "record": {SCHEDULED: HELD},
                       "cancel": {SCHEDULED: CANCELLED}}
PRESENT, EXCUSED, ABSENT = "present", "excused", "absent"
ATTENDANCE = [(PRESENT, _("出席")), (EXCUSED, _("请假")), (ABSENT, _("无故缺席"))]


class Session(models.Model):
    """One class; its page is the 培训记录表 (A-05: every session fills it in)."""

    number = models.CharField(_("编号"), max_length=32, unique=True)
    category = models.CharField(_("类别"), max_length=12, choices=CATEGORIES)
    topic = models.CharField(_("培训内容"), max_length=limits.NAME)
    trainer_name = models.CharField(_("讲师"), max_length=64)
    starts_at = models.DateTimeField(_("培训时间"), db_index=True)
    class_hours = models.DecimalField(_("课时"), max_digits=4, decimal_places=1)
    place = models.CharField(_("地点"), max_length=limits.NAME, blank=True)
    plan_item = models.ForeignKey(PlanItem, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions")
    status = models.CharField(_("状态"), max_length=12, choices=SESSION_STATUSES, default=SCHEDULED)
    summary = models.CharField(_("培训效果"), max_length=limits.NOTE, blank=True)
    recorded_by_name = models.CharField(_("记录人"), max_length=64, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_by_name = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.topic}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance")
    person_id = models.BigIntegerField(db_index=True)
    person_name = models.CharField(_("姓名"), max_length=64)
    status = models.CharField(_("出勤"), max_length=8, choices=ATTENDANCE)
    note = models.CharField(_("备注"), max_length=limits.LINE, blank=True)
    proposal_id = models.BigIntegerField(null=True, blank=True)  # the assessment proposal (PX-01)
    recorded_by_name = models.CharField(max_length=64, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person_name", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "person_id"], name="training_attendance_once")]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.person_name} {self.status}"


MONTHLY_EXAM = "monthly"
EXAM_KINDS = [(INDUCTION, _("岗前理论考核")), (MONTHLY_EXAM, _("月度考核")), (FIRE, _("消防知识考核"))]
EXAM_OPEN_KINDS = EXAM_KINDS[1:]  # opened by hand; an induction's exam is opened with the induction
ROUND_OPEN, ROUND_CLOSED = "open", "closed"
ROUND_STATUSES = [(ROUND_OPEN, _("进行中")), (ROUND_CLOSED, _("已结束"))]
ROUND_TRANSITIONS = {"result": {ROUND_OPEN: ROUND_OPEN}, "close": {ROUND_OPEN: ROUND_CLOSED}}


class ExamRound(models.Model):
    """One exam: held (first sitting graded) by `due_at`; retakes are later sittings of the same round."""

    number = models.CharField(_("编号"), max_length=32, unique=True)
    kind = models.CharField(_("考核类型"), max_length=12, choices=EXAM_KINDS)
    title = models.CharField(_("考核内容"), max_length=limits.NAME)
    period = models.DateField(_("考核期"))  # the month (monthly), the quarter's first day (fire), the start (induction)
    due_at = models.DateTimeField(_("考核期限"), db_index=True)
    practical = models.BooleanField(_("含实际操作"), default=False)
    pass_score = models.DecimalField(_("合格分"), max_digits=5, decimal_places=2)  # frozen when opened (S-08)
    status = models.CharField(_("状态"), max_length=8, choices=ROUND_STATUSES, default=ROUND_OPEN, db_index=True)
    held_on = models.DateField(_("考核日期"), null=True, blank=True)  # the first graded sitting
    induction = models.OneToOneField("Induction", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="exam")
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(null=True, blank=True)
    created_by_name = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["kind", "period"], condition=~models.Q(kind="induction"),
                                               name="training_round_once_per_period")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


RETRAIN, DEADLINE, DISMISSAL_REVIEW = "retrain", "deadline", "dismissal_review"
LADDER_STEPS = [(RETRAIN, _("单独培训后补考")), (DEADLINE, _("限期掌握")), (DISMISSAL_REVIEW, _("辞退审查"))]


class ExamResult(models.Model):
    round = models.ForeignKey(ExamRound, on_delete=models.PROTECT, related_name="results")
    person_id = models.BigIntegerField(db_index=True)
    person_name = models.CharField(_("姓名"), max_length=64)
    sitting = models.PositiveSmallIntegerField(_("第几次考核"))
    sat_on = models.DateField(_("考核日期"))
    written_score = models.DecimalField(_("笔试成绩"), max_digits=5, decimal_places=2)
    practical_score = models.DecimalField(_("实操成绩"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("合格"))
    fail_count = models.PositiveSmallIntegerField(_("累计不合格次数"), default=0)
    step = models.CharField(_("处理"), max_length=20, choices=LADDER_STEPS, blank=True)
    retake_due_at = models.DateTimeField(_("限期"), null=True, blank=True, db_index=True)
    retake_done = models.BooleanField(default=False)  # a later sitting was recorded (the deadline is answered)
    retake_overdue_at = models.DateTimeField(null=True, blank=True)
    proposal_id = models.BigIntegerField(null=True, blank=True)
    note = models.CharField(_("备注"), max_length=limits.LINE, blank=True)
    graded_by_name = models.CharField(_("评分人"), max_length=64, blank=True)
    graded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round_id", "person_name", "sitting"]
        constraints = [models.UniqueConstraint(fields=["round", "person_id", "sitting"], name="training_result_once")]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.person_name}#{self.sitting}"


class Induction(models.Model):
    """A-05: a new employee's induction: 40 class hours within 5 working days, theory exam on the 10th."""

    person_id = models.BigIntegerField(unique=True)
    person_name = models.CharField(_("姓名"), max_length=64)
    started_on = models.DateField(_("到岗日期"))
    hours_required = models.DecimalField(_("应完成课时"), max_digits=5, decimal_places=1)
    hours_due_at = models.DateTimeField(_("课时完成期限"), db_index=True)
    hours_done_at = models.DateTimeField(null=True, blank=True)
    hours_overdue_at = models.DateTimeField(null=True, blank=True)
    created_by_name = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person_name} {self.started_on}"


# how a plan's record names each event on its page; a kind not listed shows as it is stored
EVENT_LABELS = {
    "opened": _("开始编制"), "item_added": _("添加了培训项目"), "submitted": _("已上报审批"), APPROVED: _("已批准"),
    RETURNED: _("已退回"), "submit_due_soon": _("上报即将到期"), "submit_overdue": _("上报已逾期"),
    "approve_due_soon": _("审批即将到期"), "approve_overdue": _("审批已逾期"),
}


class Event(models.Model):
    """Every state change of a plan, session, round, result or induction: who, when, what."""

    object_type = models.CharField(max_length=16)
    object_id = models.BigIntegerField()
    kind = models.CharField(max_length=24)
    actor_name = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=limits.LINE, blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="training_event_obj_idx")]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} {self.kind}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))
