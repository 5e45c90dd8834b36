"""Two workers run the same office's clocks at the same moment (issue 8 goal 3: no step told twice,
none missed). Each worker is a thread with its own database connection, so both really commit and
really contend for row locks (`skip_locked`) and for the notification keys (`ON CONFLICT DO NOTHING`);
batches are made small so the two interleave. What the test commits it removes afterwards."""

from __future__ import annotations

import dataclasses
import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from core.notifications.models import Notification, OutboxMessage

pytestmark = pytest.mark.django_db
ORDERS, WORKERS = 40, 2
CONTENT = "并发时钟测试"


def _in_threads(schema: str, *actions) -> list:
    barrier, results = threading.Barrier(len(actions)), [None] * len(actions)

    def run(index, action):
        try:
            connection.set_schema(schema)
            barrier.wait(10)
            results[index] = action()
        except Exception as exc:  # handed back to the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _make_orders() -> list[int]:
    from modules.frontdesk.models import WorkOrder

    now = timezone.now()
    rows = WorkOrder.objects.bulk_create([
        WorkOrder(department="engineering", content=f"{CONTENT} {i}", dispatched_at=now - timedelta(hours=3),
                  due_at=now - timedelta(minutes=30) + timedelta(seconds=i)) for i in range(ORDERS)])
    return [row.pk for row in rows]


def _remove(ids: list[int]) -> None:
    from modules.frontdesk.models import Event, WorkOrder

    with transaction.atomic():
        Event.objects.filter(entity="workorder", entity_id__in=ids).delete()
        WorkOrder.objects.filter(pk__in=ids).delete()
        Notification.objects.filter(title__contains="已超时", dedupe_key__regex=rf":workorder:({'|'.join(map(str, ids))}):").delete()
        OutboxMessage.objects.filter(body__contains=CONTENT).delete()


@pytest.fixture(autouse=True)
def _no_eager_tasks_in_threads(monkeypatch):
    """E-mail delivery is not queued here: an eager Celery task run by two threads at once leaves
    Celery's process-wide "join would block" flag set (its save/restore is not thread-safe), and every
    later `.get()` in the session would fail. The rows stay pending, as with the broker down."""
    from core import tasks

    monkeypatch.setattr(tasks, "enqueue", lambda *args, **kwargs: False)


@pytest.fixture
def small_batches(monkeypatch):
    from core.clocks import registry

    clock = registry.clock_get("frontdesk.workorder")
    monkeypatch.setitem(registry._clocks, clock.name, dataclasses.replace(clock, batch_size=3))


def test_two_workers_on_one_office_tell_each_step_once_and_miss_none_F02(world, small_batches):
    from core.clocks.engine import clocks_run_here
    from modules.frontdesk.models import Event, WorkOrder

    schema = world.alpha.schema_name
    [ids] = _in_threads(schema, _make_orders)
    try:
        results = _in_threads(schema, *[lambda: clocks_run_here(names=["frontdesk.workorder"])] * WORKERS)
        assert not any(isinstance(r, Exception) for r in results), results
        assert sum(r["frontdesk.workorder"] for r in results) == ORDERS  # each row handled by one worker
        connection.set_schema(schema)
        orders = list(WorkOrder.objects.filter(pk__in=ids))
        assert len(orders) == ORDERS and all(o.overdue_for == o.due_at for o in orders)  # none missed
        events = Event.objects.filter(entity="workorder", entity_id__in=ids, action="overdue")
        assert sorted(events.values_list("entity_id", flat=True)) == sorted(ids)  # one event each
        connection.set_schema_to_public()
        for pk in ids:  # the department's staff and the CS supervisor, each told once
            told = Notification.objects.filter(tenant=world.alpha, dedupe_key__contains=f":workorder:{pk}:overdue:")
            assert sorted(told.values_list("user__username", flat=True)) == ["alpha_cs_supervisor", "alpha_engineering"]
        assert OutboxMessage.objects.filter(body__contains=CONTENT).count() == 2 * ORDERS
    finally:
        _in_threads(schema, lambda: _remove(ids))


def test_two_workers_racing_on_the_same_keys_insert_each_once(world):
    """The key constraint holds even when both workers hold the same step (no row lock between them)."""
    from core.notifications.bulk import Message, notifications_send_bulk

    users = [world.users[("alpha", role)] for role in ("cs_supervisor", "cs_staff")]
    messages = [Message(user=u, title=f"{CONTENT} 键", key=f"{world.alpha.schema_name}:race:{n}@0:overdue")
                for u in users for n in range(20)]

    def write():
        with transaction.atomic():
            return notifications_send_bulk(tenant=world.alpha, messages=messages)

    try:
        results = _in_threads("public", write, write)
        assert not any(isinstance(r, Exception) for r in results), results
        assert sum(results) == len(messages)
        assert Notification.objects.filter(title=f"{CONTENT} 键").count() == len(messages)
    finally:
        _in_threads("public", lambda: (Notification.objects.filter(title=f"{CONTENT} 键").delete(),
                                       OutboxMessage.objects.filter(subject=f"{CONTENT} 键").delete()))


def _make_complaints(staff_id: int) -> list[int]:
    """Half the steps due soon, half overdue (C-17), all assigned to one staff member."""
    from modules.complaints.models import Complaint

    now = timezone.now()
    rows = Complaint.objects.bulk_create([Complaint(
        number=f"CC{i:05d}{now:%S%f}"[:20], channel="phone", complainant_name="并发", complainant_phone="13800138000",
        content=f"{CONTENT} {i}", category="other", received_at=now - timedelta(days=1), received_by_id=staff_id,
        status="assigned", assignee_id=staff_id, assignee_role="cs_staff", next_step="classify",
        due_at=now + (timedelta(minutes=10) if i % 2 else -timedelta(minutes=10)) + timedelta(seconds=i))
        for i in range(ORDERS)])
    return [row.pk for row in rows]


def _remove_complaints(ids: list[int]) -> None:
    from modules.complaints.models import Complaint, ComplaintEvent

    with transaction.atomic():
        ComplaintEvent.objects.filter(complaint_id__in=ids).delete()
        Complaint.objects.filter(pk__in=ids).delete()
        Notification.objects.filter(body__startswith=CONTENT).delete()
        OutboxMessage.objects.filter(body__startswith=CONTENT).delete()


def test_two_workers_on_both_thresholds_of_one_clock_C17(world, monkeypatch):
    from core.clocks import registry
    from core.clocks.engine import clocks_run_here
    from modules.complaints.models import Complaint

    clock = registry.clock_get("complaints.step")
    monkeypatch.setitem(registry._clocks, clock.name, dataclasses.replace(clock, batch_size=3))
    schema, staff = world.alpha.schema_name, world.users[("alpha", "cs_staff")]
    [ids] = _in_threads(schema, lambda: _make_complaints(staff.pk))
    try:
        results = _in_threads(schema, *[lambda: clocks_run_here(names=["complaints.step"])] * WORKERS)
        assert not any(isinstance(r, Exception) for r in results), results
        assert sum(r["complaints.step"] for r in results) == ORDERS
        connection.set_schema(schema)
        rows = list(Complaint.objects.filter(pk__in=ids))
        overdue = {c.pk for c in rows if c.due_at < timezone.now()}
        assert all(c.step_overdue == (c.pk in overdue) for c in rows)
        assert all(c.due_soon_marked_at is not None for c in rows if c.pk not in overdue)
        connection.set_schema_to_public()
        for complaint in rows:  # the assignee and the CS supervisor, each told once, of the right kind
            kind = "overdue" if complaint.pk in overdue else "due"
            told = Notification.objects.filter(tenant=world.alpha, dedupe_key__startswith=f"{schema}:{complaint.pk}:")
            assert sorted(told.values_list("dedupe_key", "user__username")) == sorted(
                (told.first().dedupe_key, name) for name in ("alpha_cs_staff", "alpha_cs_supervisor"))
            assert told.first().dedupe_key.endswith(f":{kind}")
    finally:
        _in_threads(schema, lambda: _remove_complaints(ids))
