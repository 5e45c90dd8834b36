"""The demo assessment data (core/demo/assessment.py): every assessment page has something to show."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a01_a04_demo_two_months_a_ladder_step_decided_and_pending_proposals_sheets(world, in_tenant, client_for):
    from core.demo.assessment import assessment_seed
    from core.demo.base import staff_of
    from modules.assessment.models import Finding, Proposal, Sheet

    with in_tenant(world.alpha):
        staff = staff_of(world.alpha)
        assessment_seed(staff)
        assessment_seed(staff)  # idempotent
        assert Finding.objects.values("month").distinct().count() == 2
        assert Finding.objects.filter(step="warning").count() == 1
        assert {"confirmed", "rejected", "pending"} <= set(Proposal.objects.values_list("status", flat=True))
        assert set(Sheet.objects.values_list("status", flat=True)) == {"compiled", "signed"}
        last = Finding.objects.get(step="warning").month
    supervisor = client_for(world.alpha, "cs_supervisor")
    assert "警告" in supervisor.get(f"/assessment/?month={last:%Y-%m}").content.decode()
    assert "已驳回" in supervisor.get("/assessment/proposals/").content.decode()
    assert "主任已签" in supervisor.get("/assessment/sheets/").content.decode()
    assert 'id="wb-assessment"' in supervisor.get("/").content.decode()
    assert 'id="wb-assessment-director"' in client_for(world.alpha, "office_director").get("/").content.decode()
