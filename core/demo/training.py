"""Demo training (A-05, A-06) through modules.training.services: this year's annual plan approved, next
month's plan submitted and awaiting the director, three sessions with attendance (one unexcused absence
proposes its points), and last month's exam with two failures, one of them retaken and passed."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from core.demo.base import local_now


def training_seed(staff: dict) -> None:
    """Skipped when the office already has training sessions."""
    from modules.training import services
    from modules.training.deadlines import next_month, previous_month
    from modules.training.models import Session

    with transaction.atomic():
        if Session.objects.exists():
            return
        supervisor, director, leader = staff["cs_supervisor"], staff["office_director"], staff["cs_leader"]
        now = local_now()
        today = now.date()
        annual = services.plan_open(kind="annual", period=date(today.year, 1, 1), user=supervisor)
        for category, topic, hours in (("induction", "公司及部门简介、岗位指导书", 40), ("regular", "服务意识与客服礼仪", 24),
                                       ("fire", "灭火器使用与火场疏散", 8), ("military", "队列与体能", 12)):
            services.plan_item_add(user=supervisor, plan_id=annual.pk, category=category, topic=topic, class_hours=hours,
                                   audience="全体客服人员", trainer_name="客服主管")
        services.plan_submit(user=supervisor, plan_id=annual.pk)
        services.plan_approve(user=director, plan_id=annual.pk)
        monthly = services.plan_open(kind="monthly", period=next_month(today), user=supervisor)
        services.plan_item_add(user=supervisor, plan_id=monthly.pk, category="regular", topic="业户投诉处理流程及回复",
                               class_hours=2, planned_on=next_month(today) + timedelta(days=6), trainer_name="客服主管")
        services.plan_submit(user=supervisor, plan_id=monthly.pk)
        services.plans_upcoming_open(today=today)
        people = [staff["cs_staff"], staff["duty_officer"], leader]
        last_month = previous_month(today)
        for days_ago, category, topic, statuses in (
                (20, "regular", "客户服务技巧与心理", ("present", "present", "present")),
                (9, "fire", "烟感、温感与防火门的日常检查", ("present", "excused", "present")),
                (1, "regular", "突发事件的处理", ("present", "absent", "present"))):
            session = services.session_create(user=leader, category=category, topic=topic, trainer_name="客服主管",
                                               starts_at=now.replace(hour=14, minute=0) - timedelta(days=days_ago),
                                               class_hours=2, place="管理处会议室")
            services.session_attendance_set(user=leader, session_id=session.pk, rows=[
                {"person_id": p.pk, "status": s} for p, s in zip(people, statuses, strict=True)])
            services.session_record(user=leader, session_id=session.pk, summary="学员能复述要点，现场演示合格")
        exam = services.exam_round_open(user=supervisor, kind="monthly", period=last_month)
        sat = max(today - timedelta(days=1), last_month.replace(day=28))
        for person, written, practical in ((staff["cs_staff"], 52, 80), (staff["duty_officer"], 58, 55),
                                           (leader, 88, 92)):
            services.exam_result_record(user=supervisor, round_id=exam.pk, person_id=person.pk, written_score=written,
                                        practical_score=practical, sat_on=sat)
        services.exam_result_record(user=supervisor, round_id=exam.pk, person_id=staff["cs_staff"].pk, written_score=81,
                                    practical_score=85, sat_on=today, note="单独培训后补考")
