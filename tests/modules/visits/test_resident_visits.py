"""Resident visits 走访 (V-01, V-02): the plan over the roster, ratings, feedback, the monthly summary."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.errors import NotAllowedNow, ValidationFailed
from tests.modules.complaints.factories import household_make

pytestmark = pytest.mark.django_db

ALL_FIVE = {"security": 5, "cleaning": 4, "greening": 4, "repair_skill": 3, "repair_attitude": 4,
            "repair_timeliness": 2, "facilities": 3, "staff_attitude": 5}


def _users(world, *roles, office="alpha"):
    return [world.users[(office, r)] for r in roles]


def test_v01_v02_plan_covers_every_household_split_among_staff(world, in_tenant):
    from modules.residents.models import Household
    from modules.visits import resident_services as rs
    from modules.visits.selectors import plan_progress

    director, a, b = _users(world, "office_director", "cs_staff", "cs_leader")
    with in_tenant(world.alpha):
        household_make(building="9栋")
        household_make(building="9栋")
        household_make(building="8栋")
        plan = rs.visit_plan_create(user=director, period_start=date(2026, 11, 1), period_end=date(2026, 11, 30),
                                    staff_ids=[a.pk, b.pk])
        assert plan.targets.count() == Household.objects.filter(is_active=True).count()
        assert set(plan.targets.values_list("staff_id", flat=True)) == {a.pk, b.pk}
        home = plan.targets.filter(household__unit__building__name="8栋").first().household_id
        rs.resident_visit_record(user=a, household_id=home, ratings=ALL_FIVE, comments="绿化不错", plan_id=plan.pk)
        rows = {r["building"]: r for r in plan_progress(plan_id=plan.pk)}
        assert (rows["8栋"]["visited"], rows["8栋"]["planned"]) == (1, 1)
        assert rows["9栋"]["visited"] == 0 and rows["9栋"]["planned"] >= 2
        with pytest.raises(ValidationFailed):  # one plan per period
            rs.visit_plan_create(user=director, period_start=date(2026, 11, 1), period_end=date(2026, 11, 30),
                                 staff_ids=[a.pk])


def test_v02_plan_refuses_another_offices_staff(world, in_tenant):
    from modules.visits import resident_services as rs

    director, = _users(world, "office_director")
    stranger, = _users(world, "cs_staff", office="beta")
    with in_tenant(world.alpha), pytest.raises(ValidationFailed) as err:
        rs.visit_plan_create(user=director, period_start=date(2026, 10, 1), period_end=date(2026, 10, 31),
                             staff_ids=[stranger.pk])
    assert "staff_ids" in err.value.fields


def test_v01_ratings_are_topics_rated_one_to_five(world, in_tenant):
    from modules.visits import resident_services as rs

    staff, = _users(world, "cs_staff")
    with in_tenant(world.alpha):
        home = household_make().pk
        for bad in ({}, {"parking": 3}, {"security": 6}, {"security": True}, "x"):
            with pytest.raises(ValidationFailed) as err:
                rs.resident_visit_record(user=staff, household_id=home, ratings=bad)
            assert "ratings" in err.value.fields


def test_v02_feedback_to_resident_recorded(world, in_tenant):
    from modules.visits import resident_services as rs

    staff, supervisor = _users(world, "cs_staff", "cs_supervisor")
    with in_tenant(world.alpha):
        visit = rs.resident_visit_record(user=staff, household_id=household_make().pk, ratings={"cleaning": 2})
        rs.visit_feedback_record(user=supervisor, visit_id=visit.pk, method="phone", text="已加强保洁")
        assert visit.feedback.get().by == supervisor
        with pytest.raises(ValidationFailed):
            rs.visit_feedback_record(user=supervisor, visit_id=visit.pk, method="phone", text=" ")


def test_v02_monthly_summary_drafted_edited_signed_frozen(world, in_tenant):
    from modules.visits import resident_services as rs

    staff, director = _users(world, "cs_staff", "office_director")
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    when = timezone.now().replace(year=last_month.year, month=last_month.month, day=10)
    with in_tenant(world.alpha):
        low = household_make(building="差栋").pk
        rs.resident_visit_record(user=staff, household_id=low, ratings={"cleaning": 1}, comments="垃圾清运不及时",
                                 visited_at=when)
        rs.resident_visit_record(user=staff, household_id=household_make(building="好栋").pk,
                                 ratings={"cleaning": 5, "security": 5}, visited_at=when)
    rs.visit_summaries_draft_every_office()
    with in_tenant(world.alpha):
        from modules.visits.models import MonthlyVisitSummary

        summary = MonthlyVisitSummary.objects.get(month=last_month)
        cleaning = next(t for t in summary.figures["topics"] if t["topic"] == "cleaning")
        assert (cleaning["count"], cleaning["average"]) == (2, 3.0)
        assert summary.figures["worst_buildings"][0]["building"] == "差栋"
        assert "垃圾清运不及时" in summary.figures["quotes"]
        assert rs.visit_summary_draft(month=last_month).pk == summary.pk  # drafted once
        with pytest.raises(ValidationFailed):
            rs.visit_summary_sign(user=director, summary_id=summary.pk)  # nothing written yet
        rs.visit_summary_edit(user=director, summary_id=summary.pk, narrative="本月保洁需改进。")
        signed = rs.visit_summary_sign(user=director, summary_id=summary.pk)
        assert signed.signed_by == director
        with pytest.raises(NotAllowedNow):
            rs.visit_summary_edit(user=director, summary_id=summary.pk, narrative="改")


def test_v02_every_write_leaves_its_event_in_the_same_transaction(world, in_tenant):
    from django.db import transaction

    from modules.visits import resident_services as rs
    from modules.visits.models import ResidentVisitEvent, VisitPlan

    director, staff, supervisor = _users(world, "office_director", "cs_staff", "cs_supervisor")
    with in_tenant(world.alpha):
        home = household_make(building="事件栋").pk
        plan = rs.visit_plan_create(user=director, period_start=date(2027, 1, 1), period_end=date(2027, 1, 31),
                                    staff_ids=[staff.pk])
        created = ResidentVisitEvent.objects.get(plan=plan)
        assert (created.kind, created.user) == ("plan_created", director)
        visit = rs.resident_visit_record(user=staff, household_id=home, ratings={"security": 4}, plan_id=plan.pk)
        again = rs.resident_visit_record(user=staff, household_id=home, ratings={"security": 5}, plan_id=plan.pk)
        assert [(e.from_status, e.to_status) for e in ResidentVisitEvent.objects.filter(visit__in=[visit, again])
                .order_by("id")] == [("planned", "visited"), ("visited", "visited")]
        rs.visit_feedback_record(user=supervisor, visit_id=visit.pk, method="phone", text="已转告")
        assert visit.events.filter(kind="feedback", user=supervisor).count() == 1
        before = ResidentVisitEvent.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():  # a rolled-back write leaves no event
            rs.visit_plan_create(user=director, period_start=date(2027, 2, 1), period_end=date(2027, 2, 28),
                                 staff_ids=[staff.pk])
            raise RuntimeError("rollback")
        assert ResidentVisitEvent.objects.count() == before
        assert not VisitPlan.objects.filter(period_start=date(2027, 2, 1)).exists()


def test_v02_transitions_tables_refuse_what_they_lack():
    from modules.visits import models as m

    assert m.SUMMARY_TRANSITIONS["sign"].get(m.SIGNED) is None
    assert m.SUMMARY_TRANSITIONS["edit"].get(m.SIGNED) is None
    assert m.TARGET_TRANSITIONS["visit"][m.PLANNED] == m.VISITED


def test_v02_plan_split_contiguous_blocks_differ_by_at_most_one():
    from modules.visits.resident_services import plan_split

    pairs = plan_split(list(range(10)), [7, 8, 9])
    assert [s for _h, s in pairs] == [7, 7, 7, 7, 8, 8, 8, 9, 9, 9]
    assert plan_split([], [1]) == [] and plan_split([1], []) == []


def test_v02_plan_refuses_a_period_over_a_year_and_roles_that_do_not_visit(world, in_tenant):
    from modules.visits import resident_services as rs

    director, cashier, staff = _users(world, "office_director", "cashier", "cs_staff")
    with in_tenant(world.alpha):
        household_make()
        with pytest.raises(ValidationFailed) as err:
            rs.visit_plan_create(user=director, period_start=date(2027, 1, 1), period_end=date(2028, 6, 1),
                                 staff_ids=[staff.pk])
        assert "period_end" in err.value.fields
        with pytest.raises(ValidationFailed) as err:
            rs.visit_plan_create(user=director, period_start=date(2027, 3, 1), period_end=date(2027, 3, 31),
                                 staff_ids=[cashier.pk])
        assert "staff_ids" in err.value.fields
