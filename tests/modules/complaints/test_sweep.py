"""The deadline sweep (C-17): due soon and overdue marked in every office, each person told once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.notifications.models import Notification
from modules.complaints import services
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def _assigned(world, in_tenant, office, due_in: timedelta):
    from modules.complaints.models import Complaint

    staff = world.users[(office.slug, "cs_staff")]
    with in_tenant(office):
        complaint = register(staff)
        services.complaint_assign(user=staff, complaint_id=complaint.pk, assignee_id=staff.pk)
        Complaint.objects.filter(pk=complaint.pk).update(due_at=timezone.now() + due_in)
    return complaint


def _notes(key_part):
    return Notification.objects.filter(dedupe_key__contains=key_part)


def test_overdue_marked_and_assignee_and_superior_told_once_C17(world, in_tenant):
    complaint = _assigned(world, in_tenant, world.alpha, timedelta(minutes=-5))
    services.complaint_deadlines_sweep()
    services.complaint_deadlines_sweep()
    key = f"{world.alpha.schema_name}:{complaint.pk}:classify:overdue"
    told = set(Notification.objects.filter(dedupe_key=key).values_list("user__username", flat=True))
    assert told == {"alpha_cs_staff", "alpha_cs_supervisor"}
    assert Notification.objects.filter(dedupe_key=key).count() == 2
    with in_tenant(world.alpha):
        complaint.refresh_from_db()
        assert complaint.step_overdue and complaint.overdue_at is not None
        assert complaint.events.filter(kind="overdue").count() == 1


def test_due_soon_marked_in_every_office_C17(world, in_tenant):
    alpha = _assigned(world, in_tenant, world.alpha, timedelta(minutes=10))
    beta = _assigned(world, in_tenant, world.beta, timedelta(minutes=10))
    far = _assigned(world, in_tenant, world.alpha, timedelta(hours=5))
    services.complaint_deadlines_sweep()
    assert _notes(f"{world.alpha.schema_name}:{alpha.pk}:classify:due").count() == 2
    assert _notes(f"{world.beta.schema_name}:{beta.pk}:classify:due").count() == 2
    assert not _notes(f"{world.alpha.schema_name}:{far.pk}:").exists()
    with in_tenant(world.alpha):
        alpha.refresh_from_db()
        assert alpha.due_soon_marked_at is not None and not alpha.step_overdue


def test_overdue_counts_against_on_time_rate_even_when_done_later_C17(world, in_tenant):
    from modules.complaints.selectors import on_time_rate

    complaint = _assigned(world, in_tenant, world.alpha, timedelta(minutes=-5))
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        complaint.refresh_from_db()
        assert complaint.overdue_at is not None  # late step recorded without a sweep
        today = timezone.localdate()
        rate = on_time_rate(start=today, end=today)
    assert rate["late"] >= 1
