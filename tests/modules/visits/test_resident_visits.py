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
