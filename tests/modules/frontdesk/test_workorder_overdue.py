"""F-02: overdue work orders — the sweep tells the department's staff and the CS supervisor once per
order (and due time), in every office, however often it runs."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from core.notifications.models import Notification
from tests.core.clocks import sweep
from tests.modules.frontdesk.factories import user_of

pytestmark = pytest.mark.django_db


def _overdue(world, office, department="engineering", minutes=-10):
    from modules.frontdesk.models import WorkOrder
    from modules.frontdesk.services import workorder_dispatch

    order = workorder_dispatch(user=user_of(world, "cs_staff", office.slug), department=department,
                               content="电梯按钮失灵")
    WorkOrder.objects.filter(pk=order.pk).update(due_at=timezone.now() + timedelta(minutes=minutes))
    order.refresh_from_db()
    return order


def _told(office, order):
    return set(Notification.objects.filter(tenant=office, dedupe_key__contains=f":workorder:{order.pk}:overdue:")
               .values_list("user__username", flat=True))


def test_overdue_order_told_to_department_and_supervisor_once_F02(world, in_tenant):
    from modules.frontdesk.selectors import events_of
    with in_tenant(world.alpha):
        order = _overdue(world, world.alpha)
        on_time = _overdue(world, world.alpha, minutes=60)
    sweep("frontdesk.workorder")
    sweep("frontdesk.workorder")
    assert _told(world.alpha, order) == {"alpha_engineering", "alpha_cs_supervisor"}
    assert Notification.objects.filter(dedupe_key__contains=f":workorder:{order.pk}:overdue:",
                                       tenant=world.alpha).count() == 2
    assert _told(world.alpha, on_time) == set()
    with in_tenant(world.alpha):
        assert events_of(entity="workorder", entity_id=order.pk).filter(action="overdue").count() == 1


def test_closed_order_is_not_reported_and_new_due_time_is_F02(world, in_tenant):
    from modules.frontdesk.models import WorkOrder
    from modules.frontdesk.services import workorder_transition
    with in_tenant(world.alpha):
        cancelled = _overdue(world, world.alpha, department="cleaning")
        workorder_transition(work_order_id=cancelled.pk, action="cancel", user=user_of(world, "cs_staff"),
                             role="cs_staff", note="重复")
        moved = _overdue(world, world.alpha, department="greening")
    sweep("frontdesk.workorder")
    assert _told(world.alpha, cancelled) == set()
    with in_tenant(world.alpha):
        WorkOrder.objects.filter(pk=moved.pk).update(due_at=moved.due_at - timedelta(minutes=1))
    sweep("frontdesk.workorder")
    keys = set(Notification.objects.filter(dedupe_key__contains=f":workorder:{moved.pk}:overdue:",
                                           user=user_of(world, "greening")).values_list("dedupe_key", flat=True))
    assert len(keys) == 2  # the due time is in the key: a new due time is a new reminder


def test_sweep_task_is_scheduled_and_covers_every_office_F02(world, in_tenant):
    from core.clocks import tasks
    from core.clocks.fanout import clock_tenants

    entry = settings.CELERY_BEAT_SCHEDULE["clocks-tick"]
    assert entry["task"] == tasks.clocks_tick.name
    assert settings.CELERY_TASK_ROUTES["core.clocks.tasks.*"]["queue"] == "clocks"
    with in_tenant(world.beta):
        order = _overdue(world, world.beta, department="security")
    queued = tasks.clocks_tick.apply().get()  # eager in tests: each office's task runs in its schema
    assert queued == len(clock_tenants()) and {world.alpha, world.beta} <= set(clock_tenants())
    assert _told(world.beta, order) == {"beta_security", "beta_cs_supervisor"}
    assert _told(world.alpha, order) == set()


def test_sweep_locks_with_skip_locked_F02(world, in_tenant):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.clocks.engine import clock_run

    with in_tenant(world.alpha):
        _overdue(world, world.alpha)
        with CaptureQueriesContext(connection) as queries:
            assert clock_run(name="frontdesk.workorder", now=timezone.now()) >= 1
    selects = [q["sql"] for q in queries.captured_queries if "frontdesk_workorder" in q["sql"]
               and q["sql"].lstrip().upper().startswith("SELECT")]
    locking = [s for s in selects if not s.startswith('SELECT 1 AS "a"')]  # not the unlocked look first
    assert locking and all("FOR UPDATE" in s.upper() and "SKIP LOCKED" in s.upper() for s in locking)
