"""Writes of the assessment module (A-01..A-04, C-20): findings with the monthly ladder, proposals from
events, the monthly sheet. Each state change locks its row, checks its table, writes an Event and sends
its notifications after commit."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.calendar import add_working_days
from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.assessment.models import (
    CONFIRMED,
    PROPOSAL_TRANSITIONS,
    REJECTED,
    Counter,
    Event,
    Finding,
    PraiseNote,
    Proposal,
    Sheet,
)
from modules.catalog.models import ADD, DISMISSAL_REVIEW
from modules.catalog.scoring import ladder_step, rule_version_at
from modules.catalog.selectors import setting_value

CENT = Decimal("0.01")


def _name(user) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", "")) if user else "系统"


def month_of(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def office_member(*, user_id, field: str = "person_id"):
    """R-04: an active member of this office, or 400 naming `field`."""
    from modules.complaints.services._common import current_office
    from tenants.models import Membership

    member = (Membership.objects.select_related("user")
              .filter(tenant_id=current_office().pk, user_id=user_id, is_active=True).first())
    if member is None:
        raise ValidationFailed("此人不是本管理处的人员。", fields={field: ["不是本管理处的人员"]})
    return member


def event_write(*, obj, kind: str, user=None, note: str = "", data: dict | None = None) -> Event:
    return Event.objects.create(object_type=type(obj).__name__.lower(), object_id=obj.pk, kind=kind,
                                actor_name=_name(user), note=note[:500], data=data or {})


def _points(value, low: Decimal, high: Decimal, field: str) -> Decimal:
    """A-01: the points chosen within [low, high]; a fixed value needs no choice."""
    if value in (None, ""):
        if low == high:
            return low
        raise ValidationFailed(f"请在 {low}–{high} 分之间选择分值。", fields={field: [f"须在 {low}–{high} 之间"]})
    try:
        number = Decimal(str(value)).quantize(CENT)
    except ArithmeticError:
        raise ValidationFailed("分值须为数字。", fields={field: ["须为数字"]}) from None
    if not low <= number <= high:
        raise ValidationFailed(f"分值须在 {low}–{high} 之间。", fields={field: [f"须在 {low}–{high} 之间"]})
    return number


def _count_next(*, person_id: int, month: date, rule_code: str) -> int:
    """A-01: this finding's number in the month, under a row lock on the person-month-rule counter (two
    findings at once wait for each other: never both the 3rd)."""
    Counter.objects.bulk_create([Counter(person_id=person_id, month=month, rule_code=rule_code)],
                                ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(person_id=person_id, month=month, rule_code=rule_code)
    counter.count += 1
    counter.save(update_fields=["count"])
    return counter.count


def finding_record(*, user, person_id: int, rule_code: str, occurred_at: datetime | None = None,
                   points=None, extra_points=None, note: str = "", photo=None,
                   proposal: Proposal | None = None) -> Finding:
    """A-02/A-03: a finding under the rule version in force when it happened (S-08); the ladder step is
    read from the person's count for the rule in that month (A-01); a dismissal review tells the office
    director at once."""
    now = timezone.now()
    occurred_at = occurred_at or now
    if occurred_at > now + timezone.timedelta(minutes=5):
        raise ValidationFailed("发生时间不能晚于现在。", fields={"occurred_at": ["不能晚于现在"]})
    member = office_member(user_id=person_id)
    version = rule_version_at(code=rule_code, at=occurred_at)
    if version is None:
        raise ValidationFailed("没有这条考核规则。", fields={"rule_code": ["未知或已停用的规则"]})
    base = _points(points, version.points_min, version.points_max, "points")
    month = month_of(occurred_at)
    with transaction.atomic():
        count = _count_next(person_id=person_id, month=month, rule_code=rule_code)
        step = ladder_step(version=version, count=count) or {}
        extra = Decimal(0)
        if step:
            extra = _points(extra_points, Decimal(step["extra_min"]), Decimal(step["extra_max"]), "extra_points")
        sign = 1 if version.direction == ADD else -1
        finding = Finding.objects.create(
            person_id=person_id, person_name=_name(member.user), occurred_at=occurred_at, month=month,
            rule_code=rule_code, rule_version_id=version.pk, category=version.category,
            description=version.description, direction=version.direction, base_points=base, extra_points=extra,
            points=sign * (base + extra), pay_deduction=version.pay_deduction, count_in_month=count,
            step=step.get("action", ""), note=note, photo=photo, recorded_by_id=getattr(user, "pk", None),
            recorded_by_name=_name(user), proposal=proposal)
        event_write(obj=finding, kind="recorded", user=user, data={"count": count, "step": finding.step})
        if finding.step == DISMISSAL_REVIEW:
            _tell_director(finding=finding)
    return finding


def _tell_director(*, finding: Finding) -> None:
    """A-01: a dismissal-review step tells the office director at once (after commit)."""
    from core.notifications.services import notification_send
    from modules.complaints.services._common import current_office
    from tenants.models import Membership

    office = current_office()

    def send() -> None:
        directors = [m.user for m in Membership.objects.select_related("user")
                     .filter(tenant=office, role="office_director", is_active=True)]
        notification_send(users=directors, tenant=office, dedupe_key=f"assessment:dismissal:{finding.pk}",
                          title=f"考核：{finding.person_name} 本月第 {finding.count_in_month} 次「{finding.description}」，"
                                f"须作自动离职审查", url=f"/assessment/findings/{finding.pk}/")

    transaction.on_commit(send)


def proposal_propose(*, source_type: str, source_id: int, source_number: str, person_id: int, rule_code: str,
                     occurred_at: datetime, user=None, field: str = "staff_id") -> Proposal:
    """A-04/C-20: one proposal per (source, person, rule), however often or however concurrently the
    event is reported (the unique constraint; ON CONFLICT DO NOTHING, then read). `field` names the input
    a person who is not in the office is refused under."""
    member = office_member(user_id=person_id, field=field)
    if rule_version_at(code=rule_code, at=occurred_at) is None:
        raise ValidationFailed("没有这条考核规则。", fields={"rule_code": ["未知或已停用的规则"]})
    now = timezone.now()
    days = int(setting_value("assessment.proposal_decide_working_days", at=now))
    with transaction.atomic():
        Proposal.objects.bulk_create([Proposal(
            source_type=source_type, source_id=source_id, source_number=source_number[:32], person_id=person_id,
            person_name=_name(member.user), rule_code=rule_code, occurred_at=occurred_at,
            due_at=add_working_days(now, days))], ignore_conflicts=True)
        # ignore_conflicts leaves the pk unset, so whether this call made the row is unknown:
        # the row is locked and its "proposed" event written once, however many report it at the same time
        proposal = Proposal.objects.select_for_update().get(source_type=source_type, source_id=source_id,
                                                            person_id=person_id, rule_code=rule_code)
        if not Event.objects.filter(object_type="proposal", object_id=proposal.pk, kind="proposed").exists():
            event_write(obj=proposal, kind="proposed", user=user, data={"source": source_number})
    return proposal


def praise_note_record(*, user, person_id: int, words: str, received_at: datetime | None = None,
                       resident: str = "") -> PraiseNote:
    """A-04: a resident's praise written down by a staff member, naming the person praised: the note and
    its +5..+10 proposal in one transaction (the supervisor still confirms)."""
    from modules.catalog.scoring_seed import PRAISED

    words, resident = (words or "").strip(), (resident or "").strip()
    if not words:
        raise ValidationFailed("请填写表扬内容。", fields={"words": ["必填"]})
    if len(words) > 500 or len(resident) > 64:
        field = "words" if len(words) > 500 else "resident"
        raise ValidationFailed("内容过长。", fields={field: ["过长"]})
    now = timezone.now()
    received_at = received_at or now
    if received_at > now + timezone.timedelta(minutes=5):
        raise ValidationFailed("表扬时间不能晚于现在。", fields={"received_at": ["不能晚于现在"]})
    member = office_member(user_id=person_id)
    with transaction.atomic():
        note = PraiseNote.objects.create(person_id=person_id, person_name=_name(member.user), received_at=received_at,
                                         words=words, resident=resident, recorded_by_name=_name(user))
        event_write(obj=note, kind="recorded", user=user, note=words)
        proposal_propose(source_type="note", source_id=note.pk, source_number=f"{timezone.localtime(received_at):%m-%d}",
                         person_id=person_id, rule_code=PRAISED, occurred_at=received_at, user=user,
                         field="person_id")
    return note


def _proposal_lock(*, proposal_id: int, action: str) -> tuple[Proposal, str]:
    proposal = Proposal.objects.select_for_update().filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFound("没有这条考核建议。")
    to = PROPOSAL_TRANSITIONS[action].get(proposal.status)
    if to is None:
        raise NotAllowedNow("这条考核建议已处理。", code=f"{action}_not_allowed")
    return proposal, to


@transaction.atomic
def proposal_confirm(*, user, proposal_id: int, points=None, note: str = "") -> Proposal:
    """A-04: the supervisor confirms, choosing the points within the rule's range: the finding is made."""
    proposal, to = _proposal_lock(proposal_id=proposal_id, action="confirm")
    finding_record(user=user, person_id=proposal.person_id, rule_code=proposal.rule_code,
                   occurred_at=proposal.occurred_at, points=points, note=note or proposal.source_number,
                   proposal=proposal)
    proposal.status, proposal.decided_by_name, proposal.decided_at = to, _name(user), timezone.now()
    proposal.save()
    event_write(obj=proposal, kind=CONFIRMED, user=user, note=note)
    return proposal


@transaction.atomic
def proposal_reject(*, user, proposal_id: int, reason: str) -> Proposal:
    """A-04: rejected with a reason; the proposal and the reason are kept."""
    if not (reason or "").strip():
        raise ValidationFailed("请填写驳回理由。", fields={"reason": ["必填"]})
    proposal, to = _proposal_lock(proposal_id=proposal_id, action="reject")
    proposal.status, proposal.reason = to, reason.strip()
    proposal.decided_by_name, proposal.decided_at = _name(user), timezone.now()
    proposal.save()
    event_write(obj=proposal, kind=REJECTED, user=user, note=reason)
    return proposal


def proposal_overdue_mark(proposal: Proposal, now: datetime):
    """A-04: not decided within the working days: marked once, the supervisors told (clock handler)."""
    from core.clocks import Notice

    proposal.overdue = True
    proposal.save(update_fields=["overdue"])
    event_write(obj=proposal, kind="overdue")
    return Notice(to=lambda members: members.users(members.with_roles("cs_supervisor")),
                  title=f"考核建议逾期未确认：{proposal.person_name} {proposal.source_number}",
                  url="/assessment/proposals/")


def _sheet_lock(*, person_id: int, month: date, action: str) -> tuple[Sheet, str]:
    member = office_member(user_id=person_id)
    Sheet.objects.bulk_create([Sheet(person_id=person_id, month=month, person_name=_name(member.user))],
                              ignore_conflicts=True)
    sheet = Sheet.objects.select_for_update().get(person_id=person_id, month=month)
    to = Sheet.TRANSITIONS[action].get(sheet.status)
    if to is None:
        raise NotAllowedNow("考核表当前状态不能执行此操作。", code=f"{action}_not_allowed")
    return sheet, to


@transaction.atomic
def sheet_compile(*, user, person_id: int, month: date) -> Sheet:
    """A-02: the supervisor compiles the person's month: the total is fixed on the sheet."""
    from modules.assessment.selectors import sheet_total

    sheet, to = _sheet_lock(person_id=person_id, month=month, action="compile")
    sheet.status, sheet.total = to, sheet_total(person_id=person_id, month=month)
    sheet.compiled_by_name, sheet.compiled_at = _name(user), timezone.now()
    sheet.save()
    event_write(obj=sheet, kind="compiled", user=user, data={"total": str(sheet.total)})
    return sheet


@transaction.atomic
def sheet_sign(*, user, person_id: int, month: date, note: str = "") -> Sheet:
    """A-02: the director spot-checks and signs a compiled sheet."""
    sheet, to = _sheet_lock(person_id=person_id, month=month, action="sign")
    sheet.status, sheet.director_note = to, note
    sheet.signed_by_name, sheet.signed_at = _name(user), timezone.now()
    sheet.save()
    event_write(obj=sheet, kind="signed", user=user, note=note)
    return sheet

