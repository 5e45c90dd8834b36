"""The demo's visits (core/demo/visits.py): a few months of return visits (V-05) with the V-04 rate of
each month, 不满意 answers with their linked complaints (C-13), overdue ones reminded, and resident visits
(V-01, V-02) with last month's summary signed; a second run adds nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.demo import office_activity_seed

pytestmark = pytest.mark.django_db

BUILDINGS = ["1栋", "2栋"]


def _counts(world, in_tenant) -> dict:
    from modules.visits.models import (
        MonthlyVisitSummary,
        ResidentVisit,
        ResidentVisitEvent,
        ReturnVisit,
        VisitAttempt,
        VisitPlan,
    )

    with in_tenant(world.alpha):
        return {m.__name__: m.objects.count() for m in (ReturnVisit, VisitAttempt, VisitPlan, ResidentVisit,
                                                        ResidentVisitEvent, MonthlyVisitSummary)}


def test_v04_v05_v02_demo_has_months_of_visits_overdue_dissatisfied_and_a_signed_summary(world, in_tenant):
    from modules.complaints.models import Complaint
    from modules.visits.models import MonthlyVisitSummary, ResidentVisit, ReturnVisit, VisitPlan
    from modules.visits.selectors import satisfaction_rate

    office_activity_seed(world.alpha, buildings=BUILDINGS)
    now = timezone.now()
    with in_tenant(world.alpha):
        answered = ReturnVisit.objects.filter(status="answered")
        months = {timezone.localtime(v.answered_at).strftime("%Y-%m") for v in answered}
        assert len(months) >= 3
        dissatisfied = answered.filter(answer="dissatisfied")
        assert dissatisfied.count() >= 2
        assert all(Complaint.objects.filter(pk=v.follow_up_complaint_id).exists() for v in dissatisfied)
        overdue = ReturnVisit.objects.filter(status="due", due_at__lt=now)
        assert overdue.count() >= 2 and all(v.overdue_marked_at for v in overdue)
        assert ReturnVisit.objects.filter(status="unreached").exists()
        today = timezone.localdate()
        rate = satisfaction_rate(start=today - timedelta(days=90), end=today)
        assert rate["answers"] >= 8 and 0 < rate["rate"] < 1
        assert VisitPlan.objects.count() == 2
        last = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        summary = MonthlyVisitSummary.objects.get(month=last)
        assert summary.signed_at is not None and summary.figures["visits"] > 0
        assert ResidentVisit.objects.filter(feedback__isnull=False).exists()


def test_demo_visits_twice_adds_nothing(world, in_tenant):
    office_activity_seed(world.alpha, buildings=BUILDINGS)
    first = _counts(world, in_tenant)
    office_activity_seed(world.alpha, buildings=BUILDINGS)
    assert _counts(world, in_tenant) == first and first["ResidentVisit"] > 0


def _source_exists(visit) -> bool:
    from modules.complaints.models import Complaint
    from modules.frontdesk.models.work import WorkOrder
    from modules.services.models import Booking, ServiceAgreement

    model = {"complaint": Complaint, "workorder": WorkOrder, "service": Booking, "agreement": ServiceAgreement}
    row = model[visit.source_kind].objects.filter(pk=visit.source_id).first()
    return row is not None and str(row.number) == visit.source_number


def test_v05_every_demo_visit_comes_from_a_real_record_its_link_opens(world, in_tenant, client_for):
    """One click from a demo visit to its source opens the office's own record (no made-up agreements)."""
    from modules.visits.models import ReturnVisit
    from modules.visits.selectors import source_url

    office_activity_seed(world.alpha, buildings=BUILDINGS)
    with in_tenant(world.alpha):
        visits = list(ReturnVisit.objects.order_by("id"))
        assert visits and all(_source_exists(v) for v in visits)
        urls = {source_url(v) for v in visits}
        kinds = {v.source_kind for v in visits}
        past = [v for v in visits if v.source_kind == "agreement" and v.status == "answered"]
    assert {"complaint", "agreement"} <= kinds and len(past) >= 8
    client = client_for(world.alpha, "office_director")
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url
