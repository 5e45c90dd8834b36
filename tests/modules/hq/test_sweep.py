"""Head office's result-report sweep (C-16/C-17): the quality manager hears of each overdue result once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from core.notifications.models import Notification
from tests.core.clocks import sweep
from tests.modules.hq.factories import hq_complaint

pytestmark = pytest.mark.django_db


def _forwarded(world, *, due_in: timedelta, reported: bool = False):
    from modules.hq.models import HqComplaint

    item = hq_complaint(world)
    with schema_context(world.hq.schema_name):
        HqComplaint.objects.filter(pk=item.pk).update(
            status=HqComplaint.REPORTED if reported else HqComplaint.COMPLETED, office_name="甲管理处",
            result_due_at=timezone.now() + due_in, result_reported_at=timezone.now() if reported else None)
        return HqComplaint.objects.get(pk=item.pk)


def _told(item):
    due = int(item.result_due_at.timestamp())
    return Notification.objects.filter(dedupe_key__endswith=f":hq-complaint:{item.pk}:result@{due}:overdue")


def test_overdue_result_tells_quality_manager_once_C16_C17(world):
    late = _forwarded(world, due_in=timedelta(hours=-1))
    not_yet = _forwarded(world, due_in=timedelta(hours=3))
    reported = _forwarded(world, due_in=timedelta(hours=-2), reported=True)
    sweep("hq.result")
    sweep("hq.result")
    assert set(_told(late).values_list("user__username", flat=True)) == {f"{world.hq.slug}_hq_quality_manager"}
    assert _told(late).count() == 1
    assert not _told(not_yet).exists() and not _told(reported).exists()


def test_a_new_due_time_is_told_again_C17(world):
    from modules.hq.models import HqComplaint

    item = _forwarded(world, due_in=timedelta(hours=-3))
    sweep("hq.result")
    with schema_context(world.hq.schema_name):
        HqComplaint.objects.filter(pk=item.pk).update(result_due_at=timezone.now() - timedelta(minutes=5))
        item.refresh_from_db()
    sweep("hq.result")
    assert _told(item).count() == 1


def test_one_failing_result_does_not_stop_the_hq_sweep_C17(world, monkeypatch, caplog):
    from modules.hq.services import results

    first = _forwarded(world, due_in=timedelta(hours=-5))
    second = _forwarded(world, due_in=timedelta(hours=-4))
    real = results.hq_result_overdue_mark

    def flaky(item, now):
        if item.pk == first.pk:
            raise RuntimeError("broken row")
        return real(item, now)

    monkeypatch.setattr(results, "hq_result_overdue_mark", flaky)
    with caplog.at_level("ERROR", logger="core.clocks.engine"):
        sweep("hq.result")
    assert _told(second).exists() and not _told(first).exists()
    assert any("broken row" in str(r.exc_info) for r in caplog.records)


def test_beat_runs_the_hq_sweep_task_C17(settings):
    from core.clocks import clocks_for, tasks
    from core.clocks.fanout import clock_tenants

    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert tasks.clocks_tick.name in entries
    assert [c.name for c in clocks_for(tenant_type="hq")] == ["hq.result", "reports.late"]  # C-16, C-18
    assert clock_tenants()[-1].type == "hq"  # the fan-out reaches head office like an office
