"""The demo seed (core/demo): one office's activity made through the modules' services, idempotent."""

from __future__ import annotations

import pytest

from core.demo import office_activity_seed

pytestmark = pytest.mark.django_db

BUILDINGS = ["1栋", "2栋"]


def _counts(world, in_tenant) -> dict[str, int]:
    from modules.complaints.models import Complaint, ComplaintEvent, Incident
    from modules.duty.models import Assignment, Handover, LogEntry
    from modules.frontdesk.models import Contact, InspectionRound, MissedCall, Notice, WorkOrder
    from modules.hq.models import HqCase, HqComplaint
    from modules.residents.models import Household

    models = [Household, Complaint, ComplaintEvent, Incident, Assignment, Handover, LogEntry, Contact,
              WorkOrder, MissedCall, InspectionRound, Notice]
    with in_tenant(world.alpha):
        counts = {m.__name__: m.objects.count() for m in models}
    with in_tenant(world.hq):
        counts |= {m.__name__: m.objects.count() for m in (HqCase, HqComplaint)}
    return counts


def test_office_seed_creates_every_kind_of_record_C10_C16_D05(world, in_tenant):
    from modules.complaints.models import Complaint
    from modules.duty.models import Handover
    from modules.frontdesk.models import Notice, WorkOrder
    from modules.hq.models import HqComplaint

    office_activity_seed(world.alpha, buildings=BUILDINGS)

    with in_tenant(world.alpha):
        statuses = set(Complaint.objects.values_list("status", flat=True))
        assert {"registered", "assigned", "in_progress", "on_spot", "replied", "closed"} <= statuses
        assert {"valid", "assisted", "invalid"} <= set(Complaint.objects.values_list("classification", flat=True))
        assert Complaint.objects.filter(collective=True, escalation_level="hq").exists()  # C-10
        assert Complaint.objects.filter(step_overdue=True).exists()  # C-17
        assert Complaint.objects.exclude(hq_ref="").exists()  # C-16 forwarded by head office
        assert Handover.objects.filter(status=Handover.COMPLETED).count() == 1  # D-05
        assert set(WorkOrder.objects.values_list("status", flat=True)) >= {
            "dispatched", "accepted", "done", "verified", "cancelled"}
        assert Notice.objects.filter(status="published").count() == 4
    with in_tenant(world.hq):
        assert HqComplaint.objects.filter(office_slug="alpha", status="forwarded").exists()


def test_office_seed_twice_changes_no_counts(world, in_tenant):
    office_activity_seed(world.alpha, buildings=BUILDINGS)
    first = _counts(world, in_tenant)

    office_activity_seed(world.alpha, buildings=BUILDINGS)

    assert _counts(world, in_tenant) == first
    assert first["Complaint"] > 0 and first["LogEntry"] > 0 and first["HqCase"] > 0


def test_demo_figures_push_12_months_to_hq_and_a_second_run_adds_nothing(world, in_tenant):
    from core.demo.figures import figures_seed
    from modules.hq.models import OfficeFigure

    office_activity_seed(world.beta, buildings=BUILDINGS)
    with in_tenant(world.beta):
        assert figures_seed(world.beta) > 0
    with in_tenant(world.hq):
        rows = OfficeFigure.objects.filter(office_id=world.beta.pk)
        months = set(rows.filter(figure="complaints.on_time_rate").values_list("period", flat=True))
        count = rows.count()
    assert len(months) == 12
    with in_tenant(world.beta):
        figures_seed(world.beta)
    with in_tenant(world.hq):
        assert OfficeFigure.objects.filter(office_id=world.beta.pk).count() == count
