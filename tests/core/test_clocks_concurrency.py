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
