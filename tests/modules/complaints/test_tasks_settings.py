"""Beat task of the sweep (C-17), head-office sync after events (C-16), settings frozen at
registration (S-08)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from core.calendar import add_hours
from modules.complaints import services
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def test_sweep_task_is_scheduled_and_sweeps_every_office_C17(world, in_tenant):
    from core.clocks import tasks as clock_tasks
    from core.notifications.models import Notification
    from modules.complaints.models import Complaint

    entry = settings.CELERY_BEAT_SCHEDULE["clocks-tick"]
    assert entry["task"] == clock_tasks.clocks_tick.name
    with in_tenant(world.beta):
        complaint = register(world.users[("beta", "cs_staff")])
        Complaint.objects.filter(pk=complaint.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    with in_tenant(world.beta):
        counts = clock_tasks.clocks_run.apply(headers={"_schema_name": world.beta.schema_name}).get()
    assert counts["complaints.step"] >= 1
    with in_tenant(world.beta):
        due = int(Complaint.objects.get(pk=complaint.pk).due_at.timestamp())
    key = f"{world.beta.schema_name}:{complaint.pk}:classify@{due}:overdue"
    assert Notification.objects.filter(dedupe_key=key, user=world.users[("beta", "cs_staff")]).exists()


def test_deadline_uses_settings_in_force_at_registration_S08_C06(world, in_tenant):
    from modules.catalog.services import setting_set

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        before = register(staff)
        setting_set(key="complaint.urgent_reply_hours", value=4)
        after = register(staff, received_at=timezone.now() + timedelta(seconds=1))
        for complaint in (before, after):
            services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid", urgent=True)
            complaint.refresh_from_db()
    assert before.due_at == add_hours(before.received_at, 2)
    assert after.due_at == add_hours(after.received_at, 4)


def test_events_on_forwarded_complaint_sync_to_hq_C16(world, in_tenant, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    from tenants import bridge

    calls = []
    monkeypatch.setattr(bridge, "complaint_sync_to_hq", lambda *, office, snapshot: calls.append(
        (office.schema_name, snapshot["status"], snapshot["events"][-1]["kind"])))
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        plain = register(staff)
        forwarded = register(staff, hq_ref="HQ-99")
        with django_capture_on_commit_callbacks(execute=True):
            services.complaint_classify(user=staff, complaint_id=plain.pk, classification="valid")
        assert calls == []  # an office-only complaint stays in the office
        with django_capture_on_commit_callbacks(execute=True):
            services.complaint_classify(user=staff, complaint_id=forwarded.pk, classification="valid")
    assert calls == [(world.alpha.schema_name, "in_progress", "classified")]


def test_sync_to_hq_runs_directly_when_broker_is_down_C16(world, in_tenant, monkeypatch,
                                                          django_capture_on_commit_callbacks):
    import core.tasks
    from tenants import bridge

    calls = []
    monkeypatch.setattr(core.tasks, "enqueue", lambda *a, **k: False)
    monkeypatch.setattr(bridge, "complaint_sync_to_hq", lambda *, office, snapshot: calls.append(snapshot["number"]))
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        forwarded = register(staff, hq_ref="HQ-100")
        with django_capture_on_commit_callbacks(execute=True):
            services.complaint_note(user=staff, complaint_id=forwarded.pk, text="已联系")
    assert calls == [forwarded.number]
