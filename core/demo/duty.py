"""Demo duty of one office (D-01..D-06), through modules.duty.services: this month's roster on the
office's shifts, this week's log, and one completed handover into the shift on duty now."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from core.demo.base import at_local, local_now

# (hour, minute, kind, content, action, result, important)
DAILY_LOG = [
    (10, 30, "inquiry", "业主来电咨询本月水费缴纳方式", "告知可在前台或线上缴纳", "已答复", False),
    (15, 20, "help", "3栋业主反映家中跳闸求助", "通知工程部上门检查", "已恢复供电", False),
    (22, 10, "patrol", "夜间巡查地下车库，消防通道畅通", "", "正常", False),
]


def duty_seed(staff: dict) -> None:
    """Skipped when the office already has a roster."""
    from modules.duty.models import Assignment

    with transaction.atomic():
        if Assignment.objects.exists():
            return
        _roster(staff)
        _week_log(staff)
        _handover(staff)


def _roster(staff: dict) -> None:
    from modules.duty.models import ShiftTemplate
    from modules.duty.services.roster import assignment_add
    from modules.duty.shifts import month_start, next_month

    today = local_now().date()
    first, end = min(month_start(today), today - timedelta(days=1)), next_month(today)
    people = {"day": ("cs_staff", "cs_leader"), "night": ("duty_officer",), "director": ("duty_director",)}
    supervisor = staff["cs_supervisor"]
    for shift in ShiftTemplate.objects.filter(is_active=True).order_by("order", "pk"):
        roles = people.get(shift.code, ("duty_officer",))
        day = first
        while day < end:
            person = staff[roles[day.toordinal() % len(roles)]]
            assignment_add(user=supervisor, day=day, shift_id=shift.pk, person_id=person.pk)
            day += timedelta(days=1)


def _week_log(staff: dict) -> None:
    from modules.duty.services.log import log_entry_add

    now = local_now()
    day = now.date() - timedelta(days=now.weekday())
    while day <= now.date():
        for hour, minute, kind, content, action, result, important in DAILY_LOG:
            at = at_local(day, hour, minute)
            if at < now - timedelta(minutes=10):
                log_entry_add(user=staff["duty_officer"], kind=kind, content=content, action=action,
                              result=result, occurred_at=at, important=important)
        day += timedelta(days=1)
    log_entry_add(user=staff["duty_officer"], kind="incident", content="2栋电梯困人一名，已通知维保单位",
                  action="安抚被困人员并现场等候", result="20分钟后解困，无人受伤", important=True,
                  occurred_at=now - timedelta(hours=30))


def _previous(current):
    """The instance of the same post that started last before `current` (its handover leads here)."""
    from modules.duty import shifts
    from modules.duty.models import ShiftTemplate
    from modules.duty.services.instances import shift_instance_ensure

    best = None
    for day in (current.date - timedelta(days=1), current.date):
        for shift in ShiftTemplate.objects.filter(is_active=True, post_id=current.shift.post_id):
            starts_at, _end = shifts.window(day=day, start=shift.start, end=shift.end)
            if starts_at < current.starts_at and (best is None or starts_at > best[2]):
                best = (shift, day, starts_at)
    return shift_instance_ensure(shift=best[0], day=best[1]) if best else None


def _handover(staff: dict) -> None:
    """D-05: the previous shift handed over to the one on duty now: arrival, checklist, log read,
    both signatures. Then an important open item in the current shift (it will block the next one)."""
    from django.utils import timezone

    from modules.duty.selectors import on_duty_people
    from modules.duty.services import handover as h
    from modules.duty.services.instances import shift_instance_for_log
    from modules.duty.services.log import log_entry_add
    from tenants.models import User

    current = shift_instance_for_log(at=timezone.now())
    previous = _previous(current) if current else None
    if previous is None or h.next_instance(instance=previous) != current:
        return
    outgoing = User.objects.get(pk=on_duty_people(instance=previous).values_list("user_id", flat=True)[0])
    incoming = User.objects.get(pk=on_duty_people(instance=current).values_list("user_id", flat=True)[0])
    handover = h.handover_open(user=outgoing, instance_id=previous.pk, area_note="大堂、监控室正常",
                               unfinished_work="5栋水箱清洗通知已张贴，明天上午施工")
    h.handover_arrive(user=incoming, handover_id=handover.pk)
    for item in handover.items.order_by("pk"):
        h.handover_item_check(user=incoming, handover_id=handover.pk, item_id=item.pk, state="ok")
    h.handover_log_read(user=incoming, handover_id=handover.pk)
    h.handover_area_check(user=incoming, handover_id=handover.pk, note="区域巡查无异常")
    h.handover_sign(user=outgoing, handover_id=handover.pk)
    h.handover_sign(user=incoming, handover_id=handover.pk)
    log_entry_add(user=incoming, kind="incident", content="1栋地下水泵房报警，已通知工程部检查",
                  action="工程部值班电工前往现场", important=True, occurred_at=timezone.now())
