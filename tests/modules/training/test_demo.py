"""The demo seed's training part (A-05, A-06): an approved annual plan, a submitted monthly plan, sessions with
attendance and one exam round with failures and a retake, made once."""

from __future__ import annotations

import pytest

from core.demo import office_activity_seed

pytestmark = pytest.mark.django_db


def test_a05_a06_demo_has_plans_sessions_and_an_exam_round_with_a_retake(world, in_tenant):
    from modules.assessment.models import Proposal
    from modules.training.models import ExamResult, Plan, Session

    office_activity_seed(world.alpha, buildings=["1栋", "2栋"])
    office_activity_seed(world.alpha, buildings=["1栋", "2栋"])
    with in_tenant(world.alpha):
        assert Plan.objects.filter(kind="annual", status="approved").count() == 1
        assert Plan.objects.filter(kind="monthly", status="submitted").count() == 1
        assert Session.objects.filter(status="held").count() == 3
        results = list(ExamResult.objects.values_list("sitting", "passed"))
        assert sorted(results) == [(1, False), (1, False), (1, True), (2, True)]
        assert set(Proposal.objects.filter(source_type="training").values_list("rule_code", flat=True)) == {
            "PX-01", "PX-04"}
