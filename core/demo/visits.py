"""Demo visits of one office, through modules.visits' services (and the complaints' own services for the
complaints they follow): a few months of return visits 回访 (V-05) — answered, some 不满意 (each opening a
linked complaint, C-13), one unreached, some overdue — so the queue and the V-04 satisfaction rate of
every month are not empty; and resident visits 走访 (V-01, V-02): last month's plan mostly visited with
its monthly summary signed by the director, this month's plan under way.

Every visit comes from a real record of the office, scheduled by the visits engine when the record
finishes: the complaints demo's closed complaint and complaints closed here, a finished repair order, and
long-term service agreements drawn up and signed through modules.services. Past months: a service stamps
what happens now, so the history comes from half-year agreements whose term the demo moves back before the
signature (their mid-term visit then falls due on a past day, `_agreement`), answered with the attempt
typed in on that day (an answer counts when the resident gave it). Needs the special-services demo first
(its offered items and the cashier)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import F

from core.demo.base import at_local, contact_of, households, local_now
from core.demo.services import SIGNATURE

AGREEMENT_TERM_DAYS = 182  # the history's agreements run half a year; their mid-term visit falls due in the middle
AGREEMENT_FREQUENCIES = ("monthly", "fortnightly", "weekly")
AGREEMENT_NOTES = ("每月上门全屋保洁一次，住户外出时不上门。", "每两周上门一次，重点清洁厨房和卫生间。",
                   "每周上门一次，每次两小时，上门前一天电话确认。")
# past mid-term visits: (days ago, answer, the resident's words)
HISTORY = [
    (82, "satisfied", "保洁阿姨很负责"), (70, "basically_satisfied", "偶尔来晚一点"), (58, "satisfied", "服务很好"),
    (47, "dissatisfied", "上次打扫后地板有水渍，老人差点滑倒"), (37, "basically_satisfied", "希望固定同一位阿姨"),
    (26, "satisfied", ""), (16, "dissatisfied", "约好的时间没人来，也没有提前通知"), (9, "satisfied", "很好"),
]
OVERDUE_DAYS_AGO = (2, 5)  # mid-term visits nobody made: overdue, reminded once
THIS_MONTH = ["satisfied", "basically_satisfied", "dissatisfied", "unreached", None]
COMPLAINTS = ["楼道声控灯不亮", "小区门口积水", "快递柜故障取不出件", "健身器材松动", "车库照明不足", "宠物粪便无人清理"]
QUOTES = ["保安巡逻很到位，晚上回家放心", "垃圾清运及时，楼道干净", "草坪修剪后好看多了", "维修师傅手艺好，就是来得慢",
          "儿童滑梯有点旧了，希望更换", "前台态度热情", "希望增加休闲座椅", "绿化带里的杂草要及时清理"]


def visits_seed(staff: dict) -> None:
    """Each part is skipped when the office already has it (return-visit attempts; visit plans)."""
    with transaction.atomic():
        _return_visits(staff)
    with transaction.atomic():
        _resident_visits(staff)


def _return_visits(staff: dict) -> None:
    from modules.visits.models import ReturnVisit, VisitAttempt

    if VisitAttempt.objects.exists():
        return
    cs = staff["cs_staff"]
    homes = households(limit=30)
    if not homes:
        return
    for visit in ReturnVisit.objects.filter(source_kind="complaint", status="due")[:1]:  # complaints' demo
        _answer(cs, visit, "satisfied", "处理及时，谢谢")
    _repair(cs, homes[0])
    _history(staff, homes)
    _this_month(staff, homes)
    from core.clocks.engine import clock_run

    clock_run(name="visits.return_visit")  # the overdue ones: marked and reminded once


def _answer(user, visit, answer: str, words: str = "", at=None) -> None:
    from modules.visits import services

    services.visit_attempt_record(user=user, visit_id=visit.pk, method="phone", reached=True, at=at)
    services.visit_answer_record(user=user, visit_id=visit.pk, answer=answer, words=words)


def _repair(cs, home) -> None:
    """A finished repair order handed to the engine (sampled at the catalog's rate; a missed call if drawn)."""
    from modules.frontdesk.services import workorder_dispatch, workorder_transition
    from modules.visits import services
    from modules.visits.models import ReturnVisit

    order = workorder_dispatch(user=cs, department="engineering", content="厨房下水道堵塞，请派人疏通",
                               household_id=home.pk)
    for step in ("accept", "done", "verify"):  # verify hands it to the visits engine (sampled)
        workorder_transition(work_order_id=order.pk, action=step, user=cs, role="cs_staff", result="已疏通")
    repair = ReturnVisit.objects.filter(source_kind="workorder", source_id=order.pk, status="due").first()
    if repair is not None:
        services.visit_attempt_record(user=cs, visit_id=repair.pk, method="phone", reached=False, note="无人接听")


def _agreement(staff: dict, item_id: int, home, n: int, *, mid_days_ago: int):
    """A real half-year agreement (modules.services), whose mid-term visit fell due `mid_days_ago` days ago:
    drawn up, its deposit taken and signed through the services module — the signature hands its term to
    the visits engine, which schedules the mid-term and end visits. The services stamp the present moment
    and refuse a term that began more than a month ago, so the demo moves the draft's term back before the
    signature and the agreement's own stamps after it (demo data only, as core/demo/services.py does for
    past months' jobs); the visit rows are the engine's alone."""
    from modules.services import agreements as a
    from modules.services import models as sm
    from modules.services.catalog.selectors import local_day
    from modules.visits.models import ReturnVisit

    desk, cashier = staff["cs_staff"], staff["cashier"]
    name, phone = contact_of(home)
    today = local_day()
    shift = timedelta(days=AGREEMENT_TERM_DAYS // 2 + mid_days_ago)
    agreement = a.agreement_create(
        user=desk, item_id=item_id, name=name, phone=phone, address=home.unit.label, household_id=home.pk,
        frequency=AGREEMENT_FREQUENCIES[n % len(AGREEMENT_FREQUENCIES)], starts_on=today,
        ends_on=today + timedelta(days=AGREEMENT_TERM_DAYS), quantity="2", note=AGREEMENT_NOTES[n % len(AGREEMENT_NOTES)])
    if agreement.deposit > 0:
        a.agreement_deposit(agreement_id=agreement.pk, user=cashier, role="cashier", amount=agreement.deposit,
                            receipt_no=f"XY{agreement.pk:05d}")
    # before the signature (its number, XY-<year of drawing up>-…, goes on the visits with the term)
    sm.ServiceAgreement.objects.filter(pk=agreement.pk).update(
        starts_on=agreement.starts_on - shift, ends_on=agreement.ends_on - shift, created_at=F("created_at") - shift)
    a.agreement_sign(agreement_id=agreement.pk, user=desk, signature_data_url=SIGNATURE)
    sm.ServiceAgreement.objects.filter(pk=agreement.pk).update(signed_at=F("signed_at") - shift)
    sm.AgreementEvent.objects.filter(agreement_id=agreement.pk).update(at=F("at") - shift)
    sm.MoneyEntry.objects.filter(agreement_id=agreement.pk).update(at=F("at") - shift)
    return ReturnVisit.objects.get(source_kind="agreement", source_id=agreement.pk, occasion="mid")


def _cleaning_item_id() -> int | None:
    """The item the history's agreements are for: the services demo's 家政保洁 (its first item) if offered."""
    from core.demo.services import ITEMS
    from modules.services.catalog.models import ServiceItem
    from modules.services.models import OfferedItem

    offered = OfferedItem.objects.filter(active=True).values_list("item_id", flat=True)
    item = ServiceItem.objects.filter(pk__in=list(offered), name=ITEMS[0][0]).order_by("pk").first()
    return item.pk if item else None


def _history(staff: dict, homes: list) -> None:
    """The past months: real agreements' mid-term visits answered on their day (one reached at the second
    call), and two nobody made (overdue). Skipped when the office offers no special service (no cashier)."""
    from modules.visits import services

    item_id = _cleaning_item_id()
    if item_id is None or "cashier" not in staff:
        return
    cs = staff["cs_staff"]
    for n, (days_ago, answer, words) in enumerate(HISTORY):
        visit = _agreement(staff, item_id, homes[(n + 1) % len(homes)], n, mid_days_ago=days_ago)
        day = local_now().date() - timedelta(days=days_ago)
        if n == 3:
            services.visit_attempt_record(user=cs, visit_id=visit.pk, method="phone", reached=False,
                                          note="无人接听", at=at_local(day, 9))
        _answer(cs, visit, answer, words, at=at_local(day, 15, 30))
    for n, days_ago in enumerate(OVERDUE_DAYS_AGO, start=len(HISTORY)):
        _agreement(staff, item_id, homes[(n + 1) % len(homes)], n, mid_days_ago=days_ago)


def _closed_complaint(staff: dict, home, n: int):
    from modules.complaints import services as s

    name, phone = contact_of(home)
    cs = staff["cs_staff"]
    complaint = s.complaint_register(
        user=cs, channel="phone", content=f"{COMPLAINTS[n % len(COMPLAINTS)]}，请尽快处理。", complainant_name=name,
        complainant_phone=phone, household_id=home.pk, category="facilities", idempotency_key=f"demo-visit-{n}")
    s.complaint_classify(user=cs, complaint_id=complaint.pk, classification="valid")
    s.complaint_reply(user=cs, complaint_id=complaint.pk, method="phone", opinion="已处理完毕", satisfied=True)
    return s.complaint_close(user=staff["cs_supervisor"], complaint_id=complaint.pk, satisfied=True)


def _this_month(staff: dict, homes: list) -> None:
    """Complaints closed now, each visited through the engine: answered, one 不满意 (a linked complaint),
    one unreached after three calls, one still to make."""
    from modules.visits import services
    from modules.visits.models import MAX_ATTEMPTS, ReturnVisit

    cs = staff["cs_staff"]
    for n, outcome in enumerate(THIS_MONTH):
        complaint = _closed_complaint(staff, homes[(n + 16) % len(homes)], n)
        visit = ReturnVisit.objects.get(source_kind="complaint", source_id=complaint.pk)
        if outcome == "unreached":
            for _ in range(MAX_ATTEMPTS):
                services.visit_attempt_record(user=cs, visit_id=visit.pk, method="phone", reached=False,
                                              note="电话无人接听")
        elif outcome is not None:
            words = "问题没有根本解决，过两天又坏了" if outcome == "dissatisfied" else "处理得不错"
            _answer(cs, visit, outcome, words)


def _resident_visits(staff: dict) -> None:
    """Last month's plan mostly visited and summarized (signed); this month's under way; feedback given
    on the lowest ratings."""
    from modules.visits import resident_services as rs
    from modules.visits.models import VisitPlan

    if VisitPlan.objects.exists():
        return
    visitors = [staff[r] for r in ("cs_staff", "cs_leader") if r in staff]
    if not visitors or not rs.roster_household_ids():
        return
    director, now = staff["office_director"], local_now()
    first = now.date().replace(day=1)
    last_first = (first - timedelta(days=1)).replace(day=1)
    rnd = random.Random(f"visits-{first}")
    by_id = {u.pk: u for u in visitors}
    low = []
    plans = [(last_first, first - timedelta(days=1), 0.8), (first, _month_end(first), 0.3)]
    for start, end, share in plans:
        plan = rs.visit_plan_create(user=director, period_start=start, period_end=end,
                                    staff_ids=[u.pk for u in visitors])
        targets = list(plan.targets.order_by("id"))
        for i, target in enumerate(targets[: int(len(targets) * share)]):
            day = min(start + timedelta(days=i % 25), now.date())
            visited_at = min(at_local(day, 9 + i % 9), now - timedelta(minutes=5))
            ratings = _ratings(rnd, weak=i % 7 == 0)
            visit = rs.resident_visit_record(user=by_id[target.staff_id], household_id=target.household_id,
                                             plan_id=plan.pk, ratings=ratings, visited_at=visited_at,
                                             comments=QUOTES[i % len(QUOTES)] if i % 3 == 0 else "")
            if min(ratings.values()) <= 2:
                low.append(visit)
    for visit in low[:3]:
        rs.visit_feedback_record(user=staff["cs_supervisor"], visit_id=visit.pk, method="phone",
                                 text="已将您反映的问题转相关部门，本周内整改完毕并回复您")
    summary = rs.visit_summary_draft(month=last_first)
    rs.visit_summary_edit(user=director, summary_id=summary.pk, narrative=(
        "本月按计划走访业户，大部分业户对治安和前台服务表示满意。维修及时性评分偏低，"
        "已要求工程部缩短派工时间；儿童设施老化问题已列入下月维修计划。"))
    rs.visit_summary_sign(user=director, summary_id=summary.pk)


def _month_end(first):
    return ((first + timedelta(days=32)).replace(day=1)) - timedelta(days=1)


def _ratings(rnd: random.Random, *, weak: bool) -> dict:
    from modules.visits.models import TOPICS

    ratings = {key: rnd.choice((2, 3, 4) if weak else (3, 4, 4, 5, 5)) for key, _label in TOPICS}
    ratings["repair_timeliness"] = 2 if weak else min(ratings["repair_timeliness"], 3)  # the known weak spot
    if weak:
        ratings["facilities"] = 2
    return ratings
