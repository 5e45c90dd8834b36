"""Training services (A-05, A-06): plan deadlines from the catalog, reminders and overdue flags told once on
the core clocks, the wrong role refused, attendance proposals, induction dates in Chinese working days, the
retake ladder and the pass rates per sitting."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core.clocks.engine import clock_run
from core.errors import ApplicationError
from modules.assessment.models import Proposal
from modules.catalog.scoring import rule_version_at
from modules.training import deadlines, selectors, services
from modules.training.models import Event, ExamResult, Plan

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def _users(world):
    return {role: world.users[("alpha", role)] for role in
            ("cs_staff", "cs_leader", "cs_supervisor", "office_director", "duty_officer", "records_clerk")}


def _notices(user) -> int:
    from core.notifications.models import Notification

    return Notification.objects.filter(user=user).count()


def test_a05_plan_deadlines_come_from_the_catalog_settings():
    values = {"training.annual_plan_month": 12, "training.annual_plan_submit_day": 10,
              "training.annual_plan_approve_day": 20, "training.monthly_plan_submit_day": 25,
              "training.monthly_plan_approve_day": 30}
    submit, approve = deadlines.plan_due(kind="annual", period=date(2027, 1, 1), values=values)
    assert submit == datetime(2026, 12, 11, tzinfo=SH) and approve == datetime(2026, 12, 21, tzinfo=SH)
    submit, approve = deadlines.plan_due(kind="monthly", period=date(2027, 3, 1), values=values)
    assert submit == datetime(2027, 2, 26, tzinfo=SH)
    assert approve == datetime(2027, 3, 1, tzinfo=SH)  # "by the 30th" of February is its last day
    submit, _ = deadlines.plan_due(kind="monthly", period=date(2027, 3, 1),
                                   values={**values, "training.monthly_plan_submit_day": 20})
    assert submit == datetime(2027, 2, 21, tzinfo=SH)


def test_a05_setting_change_moves_the_next_plan_deadline(world, in_tenant):
    from modules.catalog.models import Setting

    Setting.objects.create(key="training.monthly_plan_submit_day", value=20,
                           effective_from=timezone.now() - timedelta(minutes=1))
    with in_tenant(world.alpha):
        plan = services.plan_open(kind="monthly", period=date(2027, 2, 1))
        assert timezone.localtime(plan.submit_due_at).date() == date(2027, 1, 21)


def test_a05_plan_opened_writes_its_opened_event_once(world, in_tenant):
    """The "opened" event was never written (bulk_create with ignore_conflicts leaves the pk unset)."""
    with in_tenant(world.alpha):
        plan = services.plan_open(kind="monthly", period=date(2027, 4, 1))
        services.plan_open(kind="monthly", period=date(2027, 4, 1))
        assert Event.objects.filter(object_type="plan", object_id=plan.pk, kind="opened").count() == 1


def test_a05_plan_reminded_once_then_overdue_once_on_the_clock(world, in_tenant):
    u = _users(world)
    with in_tenant(world.alpha):
        plan = services.plan_open(kind="monthly", period=date(2027, 2, 1))
        assert services.plan_open(kind="monthly", period=date(2027, 2, 1)).pk == plan.pk  # opened once
        before = _notices(u["cs_supervisor"])
        clock_run(name="training.monthly_plan_submit", now=plan.submit_due_at - timedelta(days=3), tenant=world.alpha)
        plan.refresh_from_db()
        assert plan.submit_reminded_at is None  # the lead is 2 days
        for _ in range(2):
            clock_run(name="training.monthly_plan_submit", now=plan.submit_due_at - timedelta(days=1),
                      tenant=world.alpha)
        plan.refresh_from_db()
        assert plan.submit_reminded_at is not None and plan.submit_overdue_at is None
        assert _notices(u["cs_supervisor"]) == before + 1
        for _ in range(2):
            clock_run(name="training.monthly_plan_submit", now=plan.submit_due_at + timedelta(minutes=1),
                      tenant=world.alpha)
        plan.refresh_from_db()
        assert plan.submit_overdue_at is not None
        assert _notices(u["cs_supervisor"]) == before + 2
        assert Event.objects.filter(object_type="plan", object_id=plan.pk, kind="submit_overdue").count() == 1


def test_a05_annual_plan_approval_overdue_told_to_the_director_once(world, in_tenant):
    u = _users(world)
    with in_tenant(world.alpha):
        plan = services.plan_open(kind="annual", period=date(2027, 1, 1))
        before = _notices(u["office_director"])
        for _ in range(2):
            clock_run(name="training.annual_plan_approve", now=plan.approve_due_at + timedelta(hours=1),
                      tenant=world.alpha)
        plan.refresh_from_db()
        assert plan.approve_overdue_at is not None and plan.approve_reminded_at is None  # only the later one
        assert _notices(u["office_director"]) == before + 1


def test_a05_plan_submitted_then_approved_only_by_the_director(world, in_tenant):
    u = _users(world)
    with in_tenant(world.alpha):
        plan = services.plan_open(kind="monthly", period=date(2027, 1, 1))
        with pytest.raises(ApplicationError) as error:
            services.plan_submit(user=u["cs_supervisor"], plan_id=plan.pk)
        assert error.value.status == 400 and "items" in error.value.fields
        services.plan_item_add(user=u["cs_supervisor"], plan_id=plan.pk, category="regular", topic="服务意识",
                               class_hours="2", planned_on=date(2027, 1, 8))
        services.plan_submit(user=u["cs_supervisor"], plan_id=plan.pk)
        with pytest.raises(ApplicationError) as error:
            services.plan_approve(user=u["cs_supervisor"], plan_id=plan.pk)
        assert error.value.status == 403
        plan.refresh_from_db()
        assert plan.status == "submitted" and not plan.approved_by_name
        assert services.plan_approve(user=u["office_director"], plan_id=plan.pk).status == "approved"
        with pytest.raises(ApplicationError) as error:
            services.plan_approve(user=u["office_director"], plan_id=plan.pk)
        assert error.value.status == 409


def test_a05_plan_item_date_outside_the_plan_is_400(world, in_tenant):
    u = _users(world)
    with in_tenant(world.alpha):
        plan = services.plan_open(kind="monthly", period=date(2027, 1, 1))
        with pytest.raises(ApplicationError) as error:
            services.plan_item_add(user=u["cs_supervisor"], plan_id=plan.pk, category="regular", topic="x",
                                   class_hours="2", planned_on=date(2027, 2, 3))
        assert error.value.fields.keys() == {"planned_on"}
        assert not plan.items.exists()


def _session(u, *, category="regular", hours="2", days_ago=1):
    return services.session_create(user=u["cs_supervisor"], category=category, topic="客户服务技巧",
                                   trainer_name="王主管", starts_at=timezone.now() - timedelta(days=days_ago),
                                   class_hours=hours)


def test_a06_unexcused_absence_proposes_px01_once(world, in_tenant):
    u = _users(world)
    with in_tenant(world.alpha):
        session = _session(u)
        rows = [{"person_id": u["cs_staff"].pk, "status": "absent"},
                {"person_id": u["duty_officer"].pk, "status": "excused"},
                {"person_id": u["cs_leader"].pk, "status": "present"}]
        services.session_attendance_set(user=u["cs_leader"], session_id=session.pk, rows=rows)
        services.session_attendance_set(user=u["cs_leader"], session_id=session.pk, rows=rows)
        proposals = Proposal.objects.filter(source_type="training", rule_code="PX-01")
        assert [p.person_id for p in proposals] == [u["cs_staff"].pk]
        assert proposals[0].source_number == session.number
        services.session_record(user=u["cs_leader"], session_id=session.pk, summary="学员掌握良好")
        sheet = selectors.session_record_sheet(session=session)
        assert sheet["counts"] == {"present": 1, "excused": 1, "absent": 1}


def test_a05_attendance_for_someone_outside_the_office_is_400_and_writes_nothing(world, in_tenant):
    u = _users(world)
    with in_tenant(world.alpha):
        session = _session(u)
        with pytest.raises(ApplicationError) as error:
            services.session_attendance_set(user=u["cs_leader"], session_id=session.pk, rows=[
                {"person_id": u["cs_staff"].pk, "status": "absent"},
                {"person_id": world.users[("beta", "cs_staff")].pk, "status": "present"}])
        assert "person_id" in error.value.fields
        assert not session.attendance.exists() and not Proposal.objects.filter(source_type="training").exists()


def test_a05_induction_hours_in_five_working_days_exam_on_the_tenth():
    # 2026-09-28 (Mon) … National Day holidays 1–8 Oct; 27 Sep and 11 Oct are make-up working days
    assert deadlines.nth_working_day(date(2026, 9, 28), 5) == date(2026, 10, 9)
    assert deadlines.nth_working_day(date(2026, 11, 2), 5) == date(2026, 11, 6)
    assert deadlines.nth_working_day(date(2026, 11, 2), 10) == date(2026, 11, 13)
    assert deadlines.nth_working_day(date(2026, 11, 1), 1) == date(2026, 11, 2)  # a Sunday start counts from Monday
    assert deadlines.monthly_exam_due(period=date(2026, 11, 1), working_days=5) == datetime(2026, 12, 8, tzinfo=SH)
    assert deadlines.fire_exam_due(period=date(2026, 11, 15)) == datetime(2027, 1, 1, tzinfo=SH)


def test_a05_induction_hours_done_stops_its_clock(world, in_tenant):
    u = _users(world)
    new = u["records_clerk"]
    with in_tenant(world.alpha):
        induction = services.induction_start(user=u["cs_supervisor"], person_id=new.pk,
                                             started_on=timezone.localdate() - timedelta(days=2))
        assert induction.hours_required == Decimal("40.0") and induction.exam.kind == "induction"
        for _ in range(4):
            session = _session(u, category="induction", hours="10", days_ago=1)
            services.session_attendance_set(user=u["cs_supervisor"], session_id=session.pk,
                                            rows=[{"person_id": new.pk, "status": "present"}])
            services.session_record(user=u["cs_supervisor"], session_id=session.pk)
        induction.refresh_from_db()
        assert induction.hours_done_at is not None
        assert clock_run(name="training.induction_hours", now=induction.hours_due_at + timedelta(days=1),
                         tenant=world.alpha) == 0
        with pytest.raises(ApplicationError) as error:
            services.exam_result_record(user=u["cs_supervisor"], round_id=induction.exam.pk,
                                        person_id=u["cs_staff"].pk, written_score="80")
        assert "person_id" in error.value.fields


def _round(u, month=None):
    month = month or (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    return services.exam_round_open(user=u["cs_supervisor"], kind="monthly", period=month)


def test_a06_retake_ladder_minus_3_6_10_deadline_then_dismissal_review(world, in_tenant):
    u = _users(world)
    person = u["cs_staff"].pk
    with in_tenant(world.alpha):
        exam = _round(u)
        assert exam.practical
        steps = []
        for written in ("50", "55", "58", "40"):
            result = services.exam_result_record(user=u["cs_supervisor"], round_id=exam.pk, person_id=person,
                                                 written_score=written, practical_score="80")
            steps.append((result.sitting, result.fail_count, result.step, result.retake_due_at is not None))
        assert steps == [(1, 1, "retrain", False), (2, 2, "retrain", False), (3, 3, "deadline", True),
                         (4, 4, "dismissal_review", False)]
        rules = list(Proposal.objects.filter(person_id=person, source_type="training").order_by("id")
                     .values_list("rule_code", flat=True))
        assert rules == ["PX-04", "PX-05", "PX-06", "PX-07"]
        points = [rule_version_at(code=code).points_min for code in rules]
        assert points == [Decimal("3"), Decimal("6"), Decimal("10"), Decimal("0")]
        with pytest.raises(ApplicationError) as error:
            services.exam_result_record(user=u["cs_supervisor"], round_id=exam.pk, person_id=person,
                                        written_score="90", practical_score="90")
        assert error.value.status == 409


def test_a06_deadline_after_third_failure_passes_dismissal_review_once(world, in_tenant):
    u = _users(world)
    person = u["cs_staff"].pk
    with in_tenant(world.alpha):
        exam = _round(u)
        for _ in range(3):
            third = services.exam_result_record(user=u["cs_supervisor"], round_id=exam.pk, person_id=person,
                                                written_score="30", practical_score="30")
        before = _notices(u["office_director"])
        for _ in range(2):
            clock_run(name="training.retake_deadline", now=third.retake_due_at + timedelta(minutes=1),
                      tenant=world.alpha)
        third.refresh_from_db()
        assert third.retake_overdue_at is not None
        assert Proposal.objects.filter(person_id=person, rule_code="PX-07").count() == 1
        assert _notices(u["office_director"]) == before + 1


def test_a06_a_pass_ends_the_ladder_and_answers_the_deadline(world, in_tenant):
    u = _users(world)
    with in_tenant(world.alpha):
        exam = _round(u)
        for written in ("10", "10", "10", "95"):
            last = services.exam_result_record(user=u["cs_supervisor"], round_id=exam.pk,
                                               person_id=u["cs_staff"].pk, written_score=written,
                                               practical_score="95")
        assert last.passed and not last.step
        assert clock_run(name="training.retake_deadline", now=timezone.now() + timedelta(days=60),
                         tenant=world.alpha) == 0


@pytest.mark.parametrize("kwargs,field", [
    ({"written_score": "101", "practical_score": "80"}, "written_score"),
    ({"written_score": "-1", "practical_score": "80"}, "written_score"),
    ({"written_score": "80", "practical_score": "100.5"}, "practical_score"),
    ({"written_score": "80"}, "practical_score"),
    ({"written_score": "80", "practical_score": "80", "sat_on": date(2099, 1, 1)}, "sat_on"),
])
def test_a06_scores_and_dates_out_of_range_name_the_field_and_write_nothing(world, in_tenant, kwargs, field):
    u = _users(world)
    with in_tenant(world.alpha):
        exam = _round(u)
        with pytest.raises(ApplicationError) as error:
            services.exam_result_record(user=u["cs_supervisor"], round_id=exam.pk, person_id=u["cs_staff"].pk,
                                        **kwargs)
        assert error.value.status == 400 and field in error.value.fields
        assert not ExamResult.objects.exists() and not Proposal.objects.exists()


def test_a06_pass_rates_per_sitting_against_90_95_100(world, in_tenant):
    u = _users(world)
    people = [u[r].pk for r in ("cs_staff", "cs_leader", "duty_officer", "records_clerk")]
    with in_tenant(world.alpha):
        exam = _round(u)
        for person, written in zip(people, ("90", "90", "90", "20"), strict=True):
            services.exam_result_record(user=u["cs_supervisor"], round_id=exam.pk, person_id=person,
                                        written_score=written, practical_score="90")
        services.exam_result_record(user=u["cs_supervisor"], round_id=exam.pk, person_id=people[3],
                                    written_score="70", practical_score="70")
        held = ExamResult.objects.filter(round=exam).first().sat_on
        rows = selectors.pass_rates(month=held.replace(day=1))
    assert [(r["sitting"], r["examinees"], r["passed"], r["rate"], r["target"], r["met"]) for r in rows] == [
        (1, 4, 3, Decimal("75.00"), Decimal("90.00"), False),
        (2, 4, 4, Decimal("100.00"), Decimal("95.00"), True),
        (3, 4, 4, Decimal("100.00"), Decimal("100.00"), True)]
    with in_tenant(world.alpha):
        empty = selectors.pass_rates(month=date(2020, 1, 1))
    assert empty[0]["rate"] is None and empty[0]["met"] is None


def test_a06_pass_rates_pushed_to_head_office_as_a_figure(world, in_tenant):
    """Issue 12 §5: the office's pass rates reach head office through the bridge (core/figures), never read
    live; the first sitting's rate with its counts, each sitting's rate and target."""
    from django_tenants.utils import schema_context

    from core.figures.services import office_figures_push
    from modules.hq.models import OfficeFigure

    u = _users(world)
    with in_tenant(world.alpha):
        exam = _round(u)
        for person, written in ((u["cs_staff"].pk, "90"), (u["cs_leader"].pk, "20")):
            services.exam_result_record(user=u["cs_supervisor"], round_id=exam.pk, person_id=person,
                                        written_score=written, practical_score="90")
        month = ExamResult.objects.filter(round=exam).first().sat_on.replace(day=1)
        office_figures_push(office=world.alpha, months=[month], names=["training.pass_rate"])
    with schema_context(world.hq.schema_name):
        rows = dict(OfficeFigure.objects.filter(office_id=world.alpha.pk, figure="training.pass_rate",
                                                period=month).values_list("dimension", "value"))
    assert rows[""] == Decimal("0.5") and rows["num"] == 1 and rows["den"] == 2
    assert rows["sitting1:target"] == Decimal("0.9") and rows["sitting3:target"] == 1


def test_a05_exam_not_held_reminded_once_then_overdue_once(world, in_tenant):
    u = _users(world)
    with in_tenant(world.alpha):
        exam = _round(u, month=timezone.localdate().replace(day=1))
        for _ in range(2):
            clock_run(name="training.exam", now=exam.due_at - timedelta(hours=2), tenant=world.alpha)
        for _ in range(2):
            clock_run(name="training.exam", now=exam.due_at + timedelta(hours=2), tenant=world.alpha)
        kinds = list(Event.objects.filter(object_type="examround", object_id=exam.pk).values_list("kind", flat=True))
        assert kinds.count("due_soon") == 1 and kinds.count("overdue") == 1
        with pytest.raises(ApplicationError) as error:
            _round(u, month=timezone.localdate().replace(day=1))
        assert error.value.status == 409


def test_a05_upcoming_plans_opened_by_the_daily_job_once(world, in_tenant):
    from modules.training.tasks import training_plans_daily

    training_plans_daily()
    training_plans_daily()
    with in_tenant(world.alpha):
        assert Plan.objects.filter(kind="annual").count() == 1 and Plan.objects.filter(kind="monthly").count() == 1
