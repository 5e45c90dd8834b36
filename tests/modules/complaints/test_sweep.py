"""The deadline sweep (C-17): due soon and overdue marked in every office, each person told once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.notifications.models import Notification
from modules.complaints import services
from tests.core.clocks import sweep
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


def _due(world, in_tenant, complaint, office=None) -> int:
    """The step's due time as the reminder key carries it (epoch seconds)."""
    with in_tenant(office or world.alpha):
        complaint.refresh_from_db()
        return int(complaint.due_at.timestamp())


def _notes(key_part):
    return Notification.objects.filter(dedupe_key__contains=key_part)


def test_overdue_marked_and_assignee_and_superior_told_once_C17(world, in_tenant):
    complaint = _assigned(world, in_tenant, world.alpha, timedelta(minutes=-5))
    sweep("complaints.step")
    sweep("complaints.step")
    key = f"{world.alpha.schema_name}:{complaint.pk}:classify@{_due(world, in_tenant, complaint)}:overdue"
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
    sweep("complaints.step")
    alpha_due, beta_due = _due(world, in_tenant, alpha), _due(world, in_tenant, beta, world.beta)
    assert _notes(f"{world.alpha.schema_name}:{alpha.pk}:classify@{alpha_due}:due").count() == 2
    assert _notes(f"{world.beta.schema_name}:{beta.pk}:classify@{beta_due}:due").count() == 2
    assert not _notes(f"{world.alpha.schema_name}:{far.pk}:").exists()
    with in_tenant(world.alpha):
        alpha.refresh_from_db()
        assert alpha.due_soon_marked_at is not None and not alpha.step_overdue


def test_overdue_counts_against_on_time_rate_even_when_done_later_C17(world, in_tenant):
    from modules.complaints.selectors import complaint_on_time_rate

    complaint = _assigned(world, in_tenant, world.alpha, timedelta(minutes=-5))
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        complaint.refresh_from_db()
        assert complaint.overdue_at is not None  # late step recorded without a sweep
        due_day = timezone.localdate(complaint.reply_due_at or complaint.due_at)
        rate = complaint_on_time_rate(due_day, due_day, now=timezone.now() + timedelta(days=60))
    assert rate["late"] >= 1


def _assisted_with_referral(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff, content="市政道路施工噪音")
        services.complaint_assign(user=staff, complaint_id=complaint.pk, assignee_id=staff.pk)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="assisted")
        services.complaint_referral_add(user=staff, complaint_id=complaint.pk, party_kind="government",
                                        party_name="区城管局", text="请协调夜间施工噪音")
    return staff, complaint


def _progress_period_lapses(world, in_tenant, complaint, *, ago: timedelta):
    """The current C-08 progress period ends `ago` before now."""
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        Complaint.objects.filter(pk=complaint.pk).update(due_at=timezone.now() - ago)


def test_each_progress_period_is_reminded_once_C08_C17(world, in_tenant):
    staff, complaint = _assisted_with_referral(world, in_tenant)
    overdue = _notes(f"{world.alpha.schema_name}:{complaint.pk}:progress@").filter(
        dedupe_key__endswith=":overdue", user=staff)
    _progress_period_lapses(world, in_tenant, complaint, ago=timedelta(hours=3))
    sweep("complaints.step")
    assert overdue.count() == 1
    with in_tenant(world.alpha):
        services.complaint_progress_add(user=staff, complaint_id=complaint.pk, text="城管已约谈施工方")
    _progress_period_lapses(world, in_tenant, complaint, ago=timedelta(minutes=5))
    sweep("complaints.step")
    assert overdue.count() == 2  # the second period of the same step is reminded too
    with in_tenant(world.alpha):
        complaint.refresh_from_db()
        complaint.step_overdue = False  # even a re-opened sweep of the same period tells nobody again
        complaint.save(update_fields=["step_overdue"])
    sweep("complaints.step")
    sweep("complaints.step")
    assert overdue.count() == 2
    with in_tenant(world.alpha):
        assert complaint.events.filter(kind="overdue").count() >= 2


def test_due_soon_window_longer_than_a_day_is_honoured_C17(world, in_tenant):
    """The complaint's own sla decides the due-soon window; no fixed lookahead cuts it short."""
    from modules.complaints.models import Complaint

    complaint = _assigned(world, in_tenant, world.alpha, timedelta(hours=36))
    with in_tenant(world.alpha):
        row = Complaint.objects.get(pk=complaint.pk)
        Complaint.objects.filter(pk=row.pk).update(sla={**row.sla, "due_soon_minutes": 48 * 60})
    sweep("complaints.step")
    due = _due(world, in_tenant, complaint)
    assert _notes(f"{world.alpha.schema_name}:{complaint.pk}:classify@{due}:due").exists()
    with in_tenant(world.alpha):
        complaint.refresh_from_db()
        assert complaint.due_soon_marked_at is not None


def test_one_failing_office_does_not_stop_the_sweep_C17(world, in_tenant, monkeypatch, caplog):
    from django.db import connection

    from core.clocks import engine

    beta = _assigned(world, in_tenant, world.beta, timedelta(minutes=-5))
    real = engine.clocks_run_here

    def flaky(**kwargs):
        if connection.schema_name == world.alpha.schema_name:
            raise RuntimeError("alpha is broken")
        return real(**kwargs)

    monkeypatch.setattr(engine, "clocks_run_here", flaky)
    with caplog.at_level("ERROR", logger="core.clocks.fanout"):
        counts = sweep("complaints.step")
    assert world.alpha.schema_name not in counts and counts[world.beta.schema_name] >= 1
    assert any("alpha is broken" in (r.exc_text or str(r.exc_info)) for r in caplog.records)
    with in_tenant(world.beta):
        beta.refresh_from_db()
        assert beta.step_overdue
