"""A-03/D-04: a late arrival proposes the seed's lateness bracket; three absences in a month reach the
dismissal review (the KQ-03 ladder)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from modules.assessment.hooks import lateness_rule
from modules.assessment.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("minutes,code", [(-3, None), (0, None), (0.5, "KQ-01"), (5, "KQ-01"), (5.1, "KQ-02"),
                                          (10, "KQ-02"), (10.5, "KQ-03"), (240, "KQ-03")])
def test_a03_lateness_brackets(minutes, code):
    assert lateness_rule(minutes_late=minutes, minor=5, absence=10) == code


def _arrive_late(world, minutes: int, role: str = "cs_staff"):
    from modules.duty.services.instances import arrival_record
    from tests.modules.duty.duty_kit import instance

    shift = instance("day", timezone.localdate() - timedelta(days=1))
    shift.starts_at = timezone.now() - timedelta(minutes=minutes)
    shift.save(update_fields=["starts_at"])
    return arrival_record(user=world.users[("alpha", role)], instance=shift)


def test_a03_d04_arrival_seven_minutes_late_proposes_minus_five(world, in_tenant):
    with in_tenant(world.alpha):
        arrival = _arrive_late(world, 7)
        proposal = Proposal.objects.get(source_type="duty", source_id=arrival.pk)
        assert proposal.rule_code == "KQ-02" and proposal.status == "pending"
        _arrive_late(world, 7)  # the same arrival again: still one proposal
        assert Proposal.objects.filter(source_type="duty").count() == 1


def test_a03_arrival_on_time_proposes_nothing(world, in_tenant):
    with in_tenant(world.alpha):
        _arrive_late(world, -2)
        assert not Proposal.objects.filter(source_type="duty").exists()


def test_a03_third_absence_in_a_month_is_a_dismissal_review(world, in_tenant):
    from modules.assessment.services import finding_record

    leader, staff = world.users[("alpha", "cs_leader")], world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        start = timezone.localtime().replace(year=2026, month=6, day=1, hour=9, minute=0, second=0, microsecond=0)
        steps = [finding_record(user=leader, person_id=staff.pk, rule_code="KQ-03",
                                occurred_at=start + timedelta(hours=i)) for i in range(3)]
        assert [s.step for s in steps] == ["", "", "dismissal_review"]
        assert steps[0].pay_deduction == 40 and steps[0].points == -10
