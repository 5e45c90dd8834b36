"""Handled on the spot (C-03): duty-log entry, report and phone-reply deadlines."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.calendar import add_hours
from core.errors import NotAllowedNow, ValidationFailed
from modules.complaints import services
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def _log_entries(complaint):
    from modules.duty.models import LogEntry

    return LogEntry.objects.filter(source_type="complaint", source_id=complaint.pk)


def test_on_spot_logs_to_duty_and_sets_phone_reply_due_C03(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff, received_at=timezone.now() - timedelta(minutes=30))
        assert _log_entries(complaint).count() == 1  # registration is in the duty log (D-06)
        solved = timezone.now() - timedelta(minutes=20)
        services.complaint_handle_on_spot(user=staff, complaint_id=complaint.pk, solution="已更换灯泡",
                                          solved_at=solved)
        complaint.refresh_from_db()
        assert complaint.status == "on_spot" and complaint.next_step == "reply"
        assert complaint.due_at == add_hours(solved, 2) and complaint.overdue_at is None
        assert _log_entries(complaint).count() == 2
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", opinion="好")
        complaint.refresh_from_db()
        assert complaint.status == "replied"


def test_on_spot_reported_late_counts_as_overdue_C03(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff, received_at=timezone.now() - timedelta(hours=3))
        solved = timezone.now() - timedelta(hours=2)
        services.complaint_handle_on_spot(user=staff, complaint_id=complaint.pk, solution="已处理", solved_at=solved)
        complaint.refresh_from_db()
    assert complaint.overdue_at == add_hours(solved, 1)


def test_on_spot_only_from_registered_and_needs_solution_C03(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff)
        with pytest.raises(ValidationFailed) as err:
            services.complaint_handle_on_spot(user=staff, complaint_id=complaint.pk, solution="")
        assert "solution" in err.value.fields
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        with pytest.raises(NotAllowedNow) as refused:
            services.complaint_handle_on_spot(user=staff, complaint_id=complaint.pk, solution="x")
    assert refused.value.code == "handle_on_spot_not_allowed"
