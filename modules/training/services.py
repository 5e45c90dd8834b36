"""Writes of the training module (A-05, A-06): plans submitted and approved, sessions with attendance, the
induction programme, exam rounds with the retake ladder. Each state change locks its row, checks its table,
writes an Event and sends its notifications after commit. A failed exam and an unexcused absence propose
assessment points (modules/training/hooks.py → modules.assessment.services.proposal_propose): nothing is
deducted until the supervisor confirms."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from uuid import uuid4

from django.db import transaction
from django.utils import timezone

from core import limits
from core.calendar import add_working_days, local
from core.errors import ApplicationError, Forbidden, NotAllowedNow, NotFound, ValidationFailed
from core.moments import date_in_range, date_range_message
from core.permissions import has_perm
from modules.catalog.selectors import setting_value, setting_values
from modules.training import deadlines
from modules.training.models import (
    ABSENT,
    ANNUAL,
    APPROVED,
    ATTENDANCE,
    CATEGORIES,
    DEADLINE,
    DISMISSAL_REVIEW,
    FIRE,
    INDUCTION,
    MONTHLY,
    MONTHLY_EXAM,
    PLAN_KINDS,
    PLAN_TRANSITIONS,
    PRESENT,
    RETRAIN,
    ROUND_TRANSITIONS,
    SESSION_TRANSITIONS,
    Attendance,
    Event,
    ExamResult,
    ExamRound,
    Induction,
    Plan,
    PlanItem,
    Session,
)

MAX_PLAN_ITEMS = 100
MAX_ATTENDANCE_ROWS = 200
PLAN_SETTINGS = ("training.annual_plan_month", "training.annual_plan_submit_day", "training.annual_plan_approve_day",
                 "training.monthly_plan_submit_day", "training.monthly_plan_approve_day")


def _name(user) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", "")) if user else "系统"


def _office():
    from modules.complaints.services._common import current_office

    return current_office()


def event_write(*, obj, kind: str, user=None, note: str = "", data: dict | None = None) -> Event:
    return Event.objects.create(object_type=type(obj).__name__.lower(), object_id=obj.pk, kind=kind,
                                actor_name=_name(user), note=note[:limits.LINE], data=data or {})


def _require(user, perm: str) -> None:
    """R-01: the acting user's role in this office holds `perm`, else 403 and nothing is written (A-05: only
    the office director approves a plan)."""
    from tenants.models import Membership

    membership = Membership.objects.filter(tenant_id=_office().pk, user_id=getattr(user, "pk", None),
                                           is_active=True).first()
    if membership is None or not has_perm(membership.role, perm):
        raise Forbidden("您的角色无权执行此操作。")


def _member(person_id, field: str = "person_id"):
    """R-04: an active member of this office, or 400 naming `field`."""
    from modules.assessment.services import office_member

    return office_member(user_id=person_id, field=field)


def _tell(*, roles, title: str, url: str, key: str) -> None:
    """After commit: the office's members of `roles` are told once (the dedupe key)."""
    from core.notifications.services import notification_send_to_roles

    office = _office()
    transaction.on_commit(lambda: notification_send_to_roles(tenant=office, roles=list(roles), title=title, url=url,
                                                             dedupe_key=key))


def _decimal(value, field: str, low: Decimal, high: Decimal) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationFailed("须为数字。", fields={field: ["须为数字"]}) from None
    if not number.is_finite() or not low <= number <= high:
        raise ValidationFailed(f"须在 {low}–{high} 之间。", fields={field: [f"须在 {low}–{high} 之间"]})
    return number.quantize(Decimal("0.01"))


def _day(value: date, field: str, *, low: date, high: date, message: str) -> date:
    if not date_in_range(value):
        raise ValidationFailed(date_range_message(), fields={field: [date_range_message()]})
    if not low <= value <= high:
        raise ValidationFailed(message, fields={field: [message]})
    return value


# --- plans (A-05) -------------------------------------------------------------------------------------------

def plan_period(*, kind: str, period: date) -> date:
    if kind not in dict(PLAN_KINDS):
        raise ValidationFailed("计划类型无效。", fields={"kind": ["请选择年度或月度"]})
    if not date_in_range(period):
        raise ValidationFailed(date_range_message(), fields={"period": [date_range_message()]})
    return period.replace(month=1, day=1) if kind == ANNUAL else period.replace(day=1)


def plan_open(*, kind: str, period: date, user=None) -> Plan:
    """A-05: the plan of a year or a month, opened once (its deadlines from the settings in force now, S-08)."""
    period = plan_period(kind=kind, period=period)
    today = timezone.localdate()
    if not today.year - 1 <= period.year <= today.year + 2:
        raise ValidationFailed("只能编制近期的计划。", fields={"period": ["须在去年至后年之间"]})
    submit_due, approve_due = deadlines.plan_due(kind=kind, period=period, values=setting_values(PLAN_SETTINGS))
    with transaction.atomic():
        Plan.objects.bulk_create([Plan(kind=kind, period=period, submit_due_at=submit_due,
                                       approve_due_at=approve_due)], ignore_conflicts=True)
        # ignore_conflicts leaves the pk unset even when the row was inserted: the locked plan without its
        # "opened" event is the one just opened (written once however many open it at the same time)
        plan = Plan.objects.select_for_update().get(kind=kind, period=period)
        if not Event.objects.filter(object_type="plan", object_id=plan.pk, kind="opened").exists():
            event_write(obj=plan, kind="opened", user=user)
    return plan


def plans_upcoming_open(*, today: date | None = None) -> int:
    """A-05: next year's annual plan and next month's monthly plan exist, so their deadlines run on the clocks
    (the daily job of every office; opening twice adds nothing). The number of plans looked at."""
    today = today or timezone.localdate()
    plan_open(kind=ANNUAL, period=date(today.year + 1, 1, 1))
    plan_open(kind=MONTHLY, period=deadlines.next_month(today))
    return 2


def _plan_lock(*, plan_id: int, action: str) -> tuple[Plan, str]:
    plan = Plan.objects.select_for_update().filter(pk=plan_id).first()
    if plan is None:
        raise NotFound("没有这份培训计划。")
    to = PLAN_TRANSITIONS[action].get(plan.status)
    if to is None:
        raise NotAllowedNow("培训计划当前状态不能执行此操作。", code=f"plan_{action}_not_allowed")
    return plan, to


@transaction.atomic
def plan_item_add(*, user, plan_id: int, category: str, topic: str, class_hours, audience: str = "",
                  trainer_name: str = "", planned_on: date | None = None) -> PlanItem:
    """A-05: a line of the 培训计划表 (content, audience, trainer, date, class hours) while the plan is drafted."""
    _require(user, "training.plan")
    plan, _to = _plan_lock(plan_id=plan_id, action="item_add")
    if category not in dict(CATEGORIES):
        raise ValidationFailed("类别无效。", fields={"category": ["请选择类别"]})
    if not (topic or "").strip():
        raise ValidationFailed("请填写培训内容。", fields={"topic": ["必填"]})
    hours = _decimal(class_hours, "class_hours", Decimal("0.5"), Decimal("200"))
    if planned_on is not None:
        end = plan.period.replace(year=plan.period.year + 1) if plan.kind == ANNUAL else deadlines.next_month(plan.period)
        _day(planned_on, "planned_on", low=plan.period, high=end - timedelta(days=1), message="须在计划期内")
    if plan.items.count() >= MAX_PLAN_ITEMS:
        raise ValidationFailed(f"一份计划最多 {MAX_PLAN_ITEMS} 项。", fields={"topic": ["项目过多"]})
    item = PlanItem.objects.create(plan=plan, category=category, topic=topic.strip(), audience=audience.strip(),
                                   trainer_name=trainer_name.strip(), planned_on=planned_on, class_hours=hours)
    event_write(obj=plan, kind="item_added", user=user, note=item.topic)
    return item


@transaction.atomic
def plan_submit(*, user, plan_id: int, note: str = "") -> Plan:
    """A-05: the supervisor submits the plan to the office director (it needs at least one line)."""
    _require(user, "training.plan")
    plan, to = _plan_lock(plan_id=plan_id, action="submit")
    if not plan.items.exists():
        raise ValidationFailed("计划还没有培训项目。", fields={"items": ["请先添加培训项目"]})
    plan.status, plan.note = to, (note or plan.note)[:limits.NOTE]
    plan.submitted_by_name, plan.submitted_at = _name(user), timezone.now()
    plan.save()
    event_write(obj=plan, kind="submitted", user=user)
    _tell(roles=["office_director"], title=f"培训计划 {plan.label} 待审批", url=f"/training/plans/{plan.pk}/",
          key=f"training:plan:{plan.pk}:submitted:{plan.submitted_at:%Y%m%d%H%M%S}")
    return plan


@transaction.atomic
def plan_approve(*, user, plan_id: int, note: str = "") -> Plan:
    """A-05: only the office director approves (a wrong role: 403, nothing written)."""
    _require(user, "training.approve")
    plan, to = _plan_lock(plan_id=plan_id, action="approve")
    plan.status, plan.approved_by_name, plan.approved_at = to, _name(user), timezone.now()
    plan.save()
    event_write(obj=plan, kind=APPROVED, user=user, note=note)
    _tell(roles=["cs_supervisor"], title=f"培训计划 {plan.label} 已批准", url=f"/training/plans/{plan.pk}/",
          key=f"training:plan:{plan.pk}:approved")
    return plan


@transaction.atomic
def plan_return(*, user, plan_id: int, reason: str) -> Plan:
    """A-05: the director sends the plan back with a reason; the supervisor revises and submits again."""
    _require(user, "training.approve")
    if not (reason or "").strip():
        raise ValidationFailed("请填写退回理由。", fields={"reason": ["必填"]})
    plan, to = _plan_lock(plan_id=plan_id, action="return")
    plan.status, plan.return_reason = to, reason.strip()[:limits.LINE]
    plan.save()
    event_write(obj=plan, kind="returned", user=user, note=reason)
    _tell(roles=["cs_supervisor"], title=f"培训计划 {plan.label} 被退回：{plan.return_reason}",
          url=f"/training/plans/{plan.pk}/", key=f"training:plan:{plan.pk}:returned:{timezone.now():%Y%m%d%H%M%S}")
    return plan


def _plan_notice(plan: Plan, *, step: str, overdue: bool, roles: tuple[str, ...]):
    from core.clocks import Notice

    what = "上报" if step == "submit" else "审批"
    state = "已逾期" if overdue else "即将到期"
    due = plan.submit_due_at if step == "submit" else plan.approve_due_at
    return Notice(to=lambda members: members.users(members.with_roles(*roles)),
                  title=f"{plan.get_kind_display()} {plan.label} {what}{state}（期限 {local(due):%m-%d}）",
                  url=f"/training/plans/{plan.pk}/")


def plan_submit_due_soon(plan: Plan, now: datetime):
    """A-05 clock handler: the supervisor is reminded once before the submission deadline."""
    plan.submit_reminded_at = now
    plan.save(update_fields=["submit_reminded_at"])
    event_write(obj=plan, kind="submit_due_soon")
    return _plan_notice(plan, step="submit", overdue=False, roles=("cs_supervisor",))


def plan_submit_overdue(plan: Plan, now: datetime):
    """A-05 clock handler: not submitted by the deadline: flagged once, the supervisor and director told."""
    plan.submit_overdue_at = now
    plan.save(update_fields=["submit_overdue_at"])
    event_write(obj=plan, kind="submit_overdue")
    return _plan_notice(plan, step="submit", overdue=True, roles=("cs_supervisor", "office_director"))


def plan_approve_due_soon(plan: Plan, now: datetime):
    """A-05 clock handler: the director is reminded once before the approval deadline."""
    plan.approve_reminded_at = now
    plan.save(update_fields=["approve_reminded_at"])
    event_write(obj=plan, kind="approve_due_soon")
    return _plan_notice(plan, step="approve", overdue=False, roles=("office_director",))


def plan_approve_overdue(plan: Plan, now: datetime):
    """A-05 clock handler: not approved by the deadline: flagged once, the director and supervisor told."""
    plan.approve_overdue_at = now
    plan.save(update_fields=["approve_overdue_at"])
    event_write(obj=plan, kind="approve_overdue")
    return _plan_notice(plan, step="approve", overdue=True, roles=("office_director", "cs_supervisor"))


# --- sessions and attendance (A-05, A-06) -------------------------------------------------------------------

def _session_lock(*, session_id: int, action: str) -> tuple[Session, str]:
    session = Session.objects.select_for_update().filter(pk=session_id).first()
    if session is None:
        raise NotFound("没有这次培训。")
    to = SESSION_TRANSITIONS[action].get(session.status)
    if to is None:
        raise NotAllowedNow("这次培训当前状态不能执行此操作。", code=f"session_{action}_not_allowed")
    return session, to


@transaction.atomic
def session_create(*, user, category: str, topic: str, trainer_name: str, starts_at: datetime, class_hours,
                   place: str = "", plan_item_id: int | None = None) -> Session:
    """A-05: a class (from a plan line or not); its record is the 培训记录表."""
    if category not in dict(CATEGORIES):
        raise ValidationFailed("类别无效。", fields={"category": ["请选择类别"]})
    for field, value in (("topic", topic), ("trainer_name", trainer_name)):
        if not (value or "").strip():
            raise ValidationFailed("请填写培训内容和讲师。", fields={field: ["必填"]})
    now = timezone.now()
    if not date_in_range(starts_at) or not now - timedelta(days=366) <= starts_at <= now + timedelta(days=366):
        raise ValidationFailed("培训时间须在前后一年内。", fields={"starts_at": ["须在前后一年内"]})
    hours = _decimal(class_hours, "class_hours", Decimal("0.5"), Decimal("12"))
    item = None
    if plan_item_id is not None:
        item = PlanItem.objects.filter(pk=plan_item_id).first()
        if item is None:
            raise ValidationFailed("没有这个计划项目。", fields={"plan_item_id": ["未知的计划项目"]})
    session = Session.objects.create(number=f"tmp-{uuid4().hex[:24]}", category=category, topic=topic.strip(),
                                     trainer_name=trainer_name.strip()[:64], starts_at=starts_at, class_hours=hours,
                                     place=place.strip(), plan_item=item, created_by_name=_name(user))
    session.number = f"PX-{local(starts_at):%Y%m}-{session.pk:04d}"
    session.save(update_fields=["number"])
    event_write(obj=session, kind="created", user=user)
    return session


@transaction.atomic
def session_attendance_set(*, user, session_id: int, rows: list[dict]) -> list[Attendance]:
    """A-05/A-06: who was present, excused or absent without leave. An unexcused absence proposes PX-01
    (−2) once per session and person; the supervisor confirms or rejects it in assessment."""
    from modules.training.hooks import proposal_from_absence

    if not rows or len(rows) > MAX_ATTENDANCE_ROWS:
        raise ValidationFailed(f"请填写 1–{MAX_ATTENDANCE_ROWS} 人的出勤。", fields={"rows": ["人数超出范围"]})
    session, _to = _session_lock(session_id=session_id, action="attendance")
    if session.starts_at > timezone.now() + timedelta(hours=1):
        raise ValidationFailed("培训还没开始，不能登记出勤。", fields={"rows": ["培训尚未开始"]})
    statuses, seen, written = dict(ATTENDANCE), set(), []
    for index, row in enumerate(rows):
        if row.get("status") not in statuses:
            raise ValidationFailed("出勤状态无效。", fields={"rows": [f"第 {index + 1} 行：出勤状态无效"]})
        person_id = row.get("person_id")
        if person_id in seen:
            raise ValidationFailed("同一人登记了两次。", fields={"rows": [f"第 {index + 1} 行：重复"]})
        seen.add(person_id)
        member = _member(person_id)
        attendance, _created = Attendance.objects.update_or_create(
            session=session, person_id=person_id,
            defaults={"person_name": _name(member.user), "status": row["status"],
                      "note": (row.get("note") or "")[:limits.LINE], "recorded_by_name": _name(user)})
        if attendance.status == ABSENT and attendance.proposal_id is None:
            proposal = proposal_from_absence(attendance=attendance, session=session, user=user)
            attendance.proposal_id = proposal.pk
            attendance.save(update_fields=["proposal_id"])
        written.append(attendance)
    event_write(obj=session, kind="attendance", user=user, data={"rows": len(written)})
    if session.status != "scheduled":
        _induction_hours_check(person_ids=[a.person_id for a in written if a.status == PRESENT])
    return written


@transaction.atomic
def session_record(*, user, session_id: int, summary: str = "") -> Session:
    """A-05: the 培训记录表 is filled in: the session is recorded as held with its effect (needs attendance)."""
    session, to = _session_lock(session_id=session_id, action="record")
    if not session.attendance.exists():
        raise ValidationFailed("请先登记出勤。", fields={"attendance": ["请先登记出勤"]})
    if session.starts_at > timezone.now() + timedelta(hours=1):
        raise ValidationFailed("培训还没开始。", fields={"starts_at": ["培训尚未开始"]})
    session.status, session.summary = to, (summary or "").strip()[:limits.NOTE]
    session.recorded_by_name, session.recorded_at = _name(user), timezone.now()
    session.save()
    event_write(obj=session, kind="recorded", user=user)
    _induction_hours_check(person_ids=list(session.attendance.filter(status=PRESENT).values_list("person_id",
                                                                                                 flat=True)))
    return session


@transaction.atomic
def session_cancel(*, user, session_id: int, reason: str) -> Session:
    if not (reason or "").strip():
        raise ValidationFailed("请填写取消原因。", fields={"reason": ["必填"]})
    session, to = _session_lock(session_id=session_id, action="cancel")
    session.status = to
    session.save(update_fields=["status"])
    event_write(obj=session, kind="cancelled", user=user, note=reason)
    return session


# --- induction (A-05) ---------------------------------------------------------------------------------------

@transaction.atomic
def induction_start(*, user, person_id: int, started_on: date) -> Induction:
    """A-05: a new employee's 40 class hours within 5 working days and the theory exam on the 10th working
    day (counting the first day), as an exam round of their own; numbers from the catalog."""
    member = _member(person_id)
    today = timezone.localdate()
    _day(started_on, "started_on", low=today - timedelta(days=60), high=today + timedelta(days=60),
         message="到岗日期须在前后 60 天内")
    if Induction.objects.filter(person_id=person_id).exists():
        raise NotAllowedNow("此人已有岗前培训记录。", code="induction_exists", fields={"person_id": ["已有岗前培训"]})
    values = setting_values(["training.induction_class_hours", "training.induction_working_days",
                             "training.induction_exam_working_day", "training.exam_pass_score"])
    name = _name(member.user)
    induction = Induction.objects.create(
        person_id=person_id, person_name=name, started_on=started_on,
        hours_required=Decimal(str(values["training.induction_class_hours"])),
        hours_due_at=deadlines.end_of(deadlines.nth_working_day(started_on,
                                                                int(values["training.induction_working_days"]))),
        created_by_name=_name(user))
    exam_day = deadlines.nth_working_day(started_on, int(values["training.induction_exam_working_day"]))
    exam = ExamRound.objects.create(number=f"tmp-{uuid4().hex[:24]}", kind=INDUCTION, title=f"岗前理论考核：{name}",
                                    period=started_on, due_at=deadlines.end_of(exam_day), practical=False,
                                    pass_score=Decimal(str(values["training.exam_pass_score"])), induction=induction,
                                    created_by_name=_name(user))
    exam.number = f"KH-{started_on:%Y%m}-{exam.pk:04d}"
    exam.save(update_fields=["number"])
    event_write(obj=induction, kind="started", user=user, data={"exam_day": exam_day.isoformat()})
    return induction


def _induction_hours_check(*, person_ids: list[int]) -> None:
    """A-05: an induction whose person has attended the required induction hours is done (the clock stops)."""
    from modules.training.selectors import induction_hours

    for induction in Induction.objects.select_for_update().filter(person_id__in=person_ids,
                                                                  hours_done_at__isnull=True):
        if induction_hours(person_id=induction.person_id) >= induction.hours_required:
            induction.hours_done_at = timezone.now()
            induction.save(update_fields=["hours_done_at"])
            event_write(obj=induction, kind="hours_done")


def induction_hours_overdue(induction: Induction, now: datetime):
    """A-05 clock handler: the induction hours not done within the working days: flagged once."""
    from core.clocks import Notice

    induction.hours_overdue_at = now
    induction.save(update_fields=["hours_overdue_at"])
    event_write(obj=induction, kind="hours_overdue")
    return Notice(to=lambda members: members.users(members.with_roles("cs_supervisor")),
                  title=f"岗前培训课时未按期完成：{induction.person_name}", url="/training/inductions/")


# --- exams and the retake ladder (A-05, A-06) ---------------------------------------------------------------

@transaction.atomic
def exam_round_open(*, user, kind: str, period: date, title: str = "") -> ExamRound:
    """A-05: the monthly exam of a month's training (written and practical, within the first working days of
    the next month) or the quarter's fire-safety exam. Once per month or quarter."""
    if kind not in (MONTHLY_EXAM, FIRE):
        raise ValidationFailed("考核类型无效。", fields={"kind": ["月度考核或消防知识考核"]})
    if not date_in_range(period):
        raise ValidationFailed(date_range_message(), fields={"period": [date_range_message()]})
    today = timezone.localdate()
    if not today - timedelta(days=400) <= period <= today + timedelta(days=400):
        raise ValidationFailed("考核期须在前后一年内。", fields={"period": ["须在前后一年内"]})
    values = setting_values(["training.monthly_exam_working_days", "training.exam_pass_score"])
    if kind == MONTHLY_EXAM:
        period = period.replace(day=1)
        due = deadlines.monthly_exam_due(period=period, working_days=int(values["training.monthly_exam_working_days"]))
        title = title.strip() or f"{period:%Y年%m月}培训考核"
    else:
        period = deadlines.quarter_start(period)
        due = deadlines.fire_exam_due(period=period)
        title = title.strip() or f"{period:%Y}年第{(period.month - 1) // 3 + 1}季度消防知识考核"
    if ExamRound.objects.filter(kind=kind, period=period).exists():
        raise NotAllowedNow("这一期的考核已经建立。", code="round_exists", fields={"period": ["本期已建立"]})
    exam = ExamRound.objects.create(number=f"tmp-{uuid4().hex[:24]}", kind=kind, title=title[:limits.NAME],
                                    period=period, due_at=due, practical=kind == MONTHLY_EXAM,
                                    pass_score=Decimal(str(values["training.exam_pass_score"])),
                                    created_by_name=_name(user))
    exam.number = f"KH-{period:%Y%m}-{exam.pk:04d}"
    exam.save(update_fields=["number"])
    event_write(obj=exam, kind="opened", user=user)
    return exam


# the n-th failure of a person in a round: (step, scoring rule); the 4th and later: dismissal review
LADDER = {1: (RETRAIN, "PX-04"), 2: (RETRAIN, "PX-05"), 3: (DEADLINE, "PX-06")}
DISMISSAL_RULE = "PX-07"


def ladder_rung(fail_count: int) -> tuple[str, str]:
    """A-06: the step and the scoring rule of the `fail_count`-th failure (pure)."""
    return LADDER.get(fail_count, (DISMISSAL_REVIEW, DISMISSAL_RULE))


@transaction.atomic
def exam_result_record(*, user, round_id: int, person_id: int, written_score, practical_score=None,
                       sat_on: date | None = None, note: str = "") -> ExamResult:
    """A-06: one person's sitting. A pass ends their ladder; a failure climbs it (1st −3 and retraining, 2nd
    −6, 3rd −10 and a deadline, then a dismissal review) and proposes its points through assessment."""
    from modules.training.hooks import proposal_from_exam

    exam = ExamRound.objects.select_for_update().filter(pk=round_id).first()
    if exam is None:
        raise NotFound("没有这次考核。")
    if ROUND_TRANSITIONS["result"].get(exam.status) is None:
        raise NotAllowedNow("这次考核已结束。", code="round_closed")
    member = _member(person_id)
    if exam.induction_id and exam.induction.person_id != person_id:
        raise ValidationFailed("岗前考核只考这位新员工。", fields={"person_id": ["不是这次岗前考核的学员"]})
    written = _decimal(written_score, "written_score", Decimal(0), Decimal(100))
    practical = None
    if exam.practical:
        if practical_score in (None, ""):
            raise ValidationFailed("这次考核有实际操作部分，请填写实操成绩。", fields={"practical_score": ["必填"]})
        practical = _decimal(practical_score, "practical_score", Decimal(0), Decimal(100))
    elif practical_score not in (None, ""):
        raise ValidationFailed("这次考核没有实际操作部分。", fields={"practical_score": ["本次考核无实操"]})
    today = timezone.localdate()
    sat_on = sat_on or today
    _day(sat_on, "sat_on", low=exam.period - timedelta(days=31), high=today, message="考核日期不能晚于今天或早于考核期")
    previous = list(ExamResult.objects.select_for_update().filter(round=exam, person_id=person_id)
                    .order_by("sitting"))
    if previous and previous[-1].passed:
        raise NotAllowedNow("此人本次考核已合格。", code="already_passed")
    if previous and previous[-1].step == DISMISSAL_REVIEW:
        raise NotAllowedNow("此人已进入辞退审查。", code="dismissal_review")
    if previous and sat_on < previous[-1].sat_on:
        raise ValidationFailed("补考日期不能早于上次考核。", fields={"sat_on": ["早于上次考核"]})
    passed = written >= exam.pass_score and (practical is None or practical >= exam.pass_score)
    fails = sum(1 for r in previous if not r.passed) + (0 if passed else 1)
    step, rule = ("", "") if passed else ladder_rung(fails)
    retake_due = None
    if step == DEADLINE:
        days = int(setting_value("training.retake_deadline_working_days"))
        retake_due = deadlines.end_of(local(add_working_days(timezone.now(), days)).date())
    ExamResult.objects.filter(round=exam, person_id=person_id, retake_done=False).update(retake_done=True)
    result = ExamResult.objects.create(
        round=exam, person_id=person_id, person_name=_name(member.user), sitting=len(previous) + 1, sat_on=sat_on,
        written_score=written, practical_score=practical, passed=passed, fail_count=fails, step=step,
        retake_due_at=retake_due, note=(note or "")[:limits.LINE], graded_by_name=_name(user))
    if exam.held_on is None:
        exam.held_on = sat_on
        exam.save(update_fields=["held_on"])
    event_write(obj=result, kind="graded", user=user, data={"passed": passed, "fails": fails, "step": step})
    if rule:
        proposal = proposal_from_exam(result=result, exam=exam, rule_code=rule, user=user)
        result.proposal_id = proposal.pk
        result.save(update_fields=["proposal_id"])
    if step == DISMISSAL_REVIEW:
        _tell_dismissal(result=result, exam=exam)
    return result


def _tell_dismissal(*, result: ExamResult, exam: ExamRound) -> None:
    _tell(roles=["office_director"], title=f"培训考核：{result.person_name}「{exam.title}」仍未合格，须作辞退审查",
          url=f"/training/exams/{exam.pk}/", key=f"training:dismissal:{exam.pk}:{result.person_id}")


def retake_overdue_mark(result: ExamResult, now: datetime):
    """A-06 clock handler: the deadline after the 3rd failure passed without a new sitting: flagged once, the
    dismissal review proposed (PX-07) and the office director told."""
    from core.clocks import Notice
    from modules.training.hooks import proposal_from_exam

    result.retake_overdue_at = now
    result.save(update_fields=["retake_overdue_at"])
    event_write(obj=result, kind="retake_overdue")
    try:
        with transaction.atomic():
            proposal_from_exam(result=result, exam=result.round, rule_code=DISMISSAL_RULE)
    except ApplicationError:  # the person left the office: the flag and the notice still stand
        pass
    return Notice(to=lambda members: members.users(members.with_roles("office_director", "cs_supervisor")),
                  title=f"培训考核限期已过仍未合格：{result.person_name}，须作辞退审查",
                  url=f"/training/exams/{result.round_id}/")


def exam_due_soon(exam: ExamRound, now: datetime):
    """A-05 clock handler: the exam not yet held is reminded once before its due time."""
    from core.clocks import Notice

    exam.reminded_at = now
    exam.save(update_fields=["reminded_at"])
    event_write(obj=exam, kind="due_soon")
    return Notice(to=lambda members: members.users(members.with_roles("cs_supervisor")),
                  title=f"{exam.title} 即将到期（{local(exam.due_at):%m-%d}前）", url=f"/training/exams/{exam.pk}/")


def exam_overdue(exam: ExamRound, now: datetime):
    """A-05 clock handler: not held by its due time: flagged once, the supervisor and director told."""
    from core.clocks import Notice

    exam.overdue_at = now
    exam.save(update_fields=["overdue_at"])
    event_write(obj=exam, kind="overdue")
    return Notice(to=lambda members: members.users(members.with_roles("cs_supervisor", "office_director")),
                  title=f"{exam.title} 已逾期未考核", url=f"/training/exams/{exam.pk}/")


@transaction.atomic
def exam_round_close(*, user, round_id: int) -> ExamRound:
    exam = ExamRound.objects.select_for_update().filter(pk=round_id).first()
    if exam is None:
        raise NotFound("没有这次考核。")
    to = ROUND_TRANSITIONS["close"].get(exam.status)
    if to is None:
        raise NotAllowedNow("这次考核已结束。", code="round_closed")
    exam.status = to
    exam.save(update_fields=["status"])
    event_write(obj=exam, kind="closed", user=user)
    return exam
