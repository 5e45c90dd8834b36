"""The clock engine (core/clocks; DESIGN.md "Clocks"; issue 8 goal 3): thresholds, once only, a bad row
or office isolated, and the notifications of a batch written with a constant number of statements."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.clocks import Clock, Notice, Threshold, clock_get, clock_register
from core.clocks.engine import clock_run
from core.notifications.models import Notification, OutboxMessage
from tests.core.clocks import broken, sweep
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def _orders(office, count: int, *, due_in=timedelta(minutes=-10), department="engineering") -> list:
    from modules.frontdesk.models import WorkOrder

    now = timezone.now()
    return WorkOrder.objects.bulk_create([
        WorkOrder(department=department, content=f"时钟测试 {i}", dispatched_at=now - timedelta(hours=2),
                  due_at=now + due_in + timedelta(seconds=i)) for i in range(count)])


def _complaint(world, office, due_in: timedelta):
    from modules.complaints.models import Complaint
    from modules.complaints.services import complaint_assign

    staff = world.users[(office.slug, "cs_staff")]
    complaint = register(staff)
    complaint_assign(user=staff, complaint_id=complaint.pk, assignee_id=staff.pk)
    Complaint.objects.filter(pk=complaint.pk).update(due_at=timezone.now() + due_in)
    complaint.refresh_from_db()
    return complaint


def _kinds(complaint) -> set[str]:
    keys = Notification.objects.filter(dedupe_key__startswith=f"{connection.schema_name}:{complaint.pk}:")
    return {key.rsplit(":", 1)[1] for key in keys.values_list("dedupe_key", flat=True)}


def test_due_soon_then_overdue_are_two_thresholds_of_one_clock_C17(world, in_tenant):
    with in_tenant(world.alpha):
        soon = _complaint(world, world.alpha, timedelta(minutes=10))
        late = _complaint(world, world.alpha, timedelta(minutes=-10))
        far = _complaint(world, world.alpha, timedelta(days=3))
        assert clock_run(name="complaints.step") >= 2
        assert _kinds(soon) == {"due"} and _kinds(late) == {"overdue"} and _kinds(far) == set()
        # twenty minutes on, the due-soon step is overdue: the later threshold tells again, once
        later = timezone.now() + timedelta(minutes=20)
        clock_run(name="complaints.step", now=later)
        clock_run(name="complaints.step", now=later)
        assert _kinds(soon) == {"due", "overdue"} and _kinds(late) == {"overdue"}
        soon.refresh_from_db()
        assert soon.step_overdue and soon.events.filter(kind="overdue").count() == 1


def test_a_row_past_both_thresholds_is_only_told_overdue_C17(world, in_tenant):
    with in_tenant(world.alpha):
        late = _complaint(world, world.alpha, timedelta(hours=-1))
        clock_run(name="complaints.step")
        late.refresh_from_db()
        assert _kinds(late) == {"overdue"} and late.due_soon_marked_at is None


def test_each_step_is_handled_and_told_once_F02(world, in_tenant):
    with in_tenant(world.alpha):
        orders = _orders(world.alpha, 3)
        assert clock_run(name="frontdesk.workorder") == 3
        assert clock_run(name="frontdesk.workorder") == 0
    keys = [f":workorder:{o.pk}:overdue:" for o in orders]
    for key in keys:  # the engineering staff and the CS supervisor, each once
        assert Notification.objects.filter(tenant=world.alpha, dedupe_key__contains=key).count() == 2
    titles = {n.title for n in Notification.objects.filter(dedupe_key__contains=keys[0])}
    assert OutboxMessage.objects.filter(subject__in=titles).count() == 2


def test_bulk_path_never_tells_twice_even_when_asked_twice(world):
    from core.notifications.bulk import Message, notifications_send_bulk

    user = world.users[("alpha", "cs_supervisor")]
    messages = [Message(user=user, title="批量提醒", key="alpha:test:1@0:overdue", url="/x/"),
                Message(user=user, title="批量提醒", key="alpha:test:1@0:overdue", url="/x/")]
    assert notifications_send_bulk(tenant=world.alpha, messages=messages) == 1
    assert notifications_send_bulk(tenant=world.alpha, messages=messages) == 0
    assert Notification.objects.filter(dedupe_key="alpha:test:1@0:overdue").count() == 1
    [mail] = OutboxMessage.objects.filter(subject="批量提醒")
    assert mail.recipient == user.email and "://alpha." in mail.body  # the link on the office's host


def test_a_row_that_raises_is_logged_and_skipped_and_retried_next_time_F02(world, in_tenant, monkeypatch, caplog):
    from modules.frontdesk.models import WorkOrder
    from modules.frontdesk.services import overdue

    with in_tenant(world.alpha):
        bad, *good = _orders(world.alpha, 4)
        monkeypatch.setattr(overdue, "workorder_overdue_mark", broken(
            overdue.workorder_overdue_mark, lambda order, now: order.pk == bad.pk, "bad clock row"))
        with caplog.at_level("ERROR", logger="core.clocks.engine"):
            assert clock_run(name="frontdesk.workorder") == 3
        assert WorkOrder.objects.get(pk=bad.pk).overdue_for is None
        assert all(WorkOrder.objects.get(pk=o.pk).overdue_for is not None for o in good)
        monkeypatch.undo()
        assert clock_run(name="frontdesk.workorder") == 1  # the next run picks it up
    assert any("bad clock row" in str(r.exc_info) for r in caplog.records)


def test_an_office_that_raises_never_stops_the_others(world, in_tenant, monkeypatch, caplog):
    from core.clocks import engine
    from core.clocks.fanout import clock_tenants, clocks_fan_out

    with in_tenant(world.beta):
        [order] = _orders(world.beta, 1)
    monkeypatch.setattr(engine, "clocks_run_here", broken(
        engine.clocks_run_here, lambda **_: connection.schema_name == world.alpha.schema_name, "alpha clocks broken"))
    queued = clocks_fan_out()  # eager in tests: each task runs at once, in its own schema
    assert queued == len(clock_tenants()) - 1  # alpha's task failed on its own
    assert Notification.objects.filter(tenant=world.beta, dedupe_key__contains=f":workorder:{order.pk}:").exists()
    assert "alpha clocks broken" in caplog.text


def test_clocks_run_in_every_office_and_head_office(world, in_tenant):
    with in_tenant(world.beta):
        _orders(world.beta, 2)
    counts = sweep()
    assert counts[world.beta.schema_name] >= 2
    assert {world.alpha.schema_name, world.hq.schema_name} <= set(counts)


def _statements(office, count: int) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        assert clock_run(name="frontdesk.workorder", tenant=office) == count
    return len(queries), [q["sql"] for q in queries.captured_queries]


def test_notifications_of_a_batch_cost_constant_statements(world, in_tenant, django_assert_max_num_queries):
    """Per row: its marker and its event (2 statements; the batch shares one savepoint unless a row
    raises); the batch's notifications, e-mails and lookups do not grow with rows or people."""
    with in_tenant(world.alpha):
        _orders(world.alpha, 5)
        small, sql = _statements(world.alpha, 5)
        _orders(world.alpha, 25, department="security")
        with django_assert_max_num_queries(small + 2 * 20):
            large, sql = _statements(world.alpha, 25)
    inserts = [s for s in sql if s.startswith("INSERT INTO") and "notifications_" in s]
    assert len(inserts) == 2  # one for the in-app rows of 25 orders × 2 people, one for their e-mails
    assert large - small <= 2 * 20


def test_batches_are_paged_and_each_written_in_bulk(world, in_tenant, monkeypatch):
    clock = clock_get("frontdesk.workorder")
    monkeypatch.setitem(__import__("core.clocks.registry", fromlist=["_clocks"])._clocks, clock.name,
                        dataclasses.replace(clock, batch_size=4))
    with in_tenant(world.alpha):
        _orders(world.alpha, 10)
        with CaptureQueriesContext(connection) as queries:
            assert clock_run(name="frontdesk.workorder") == 10
    notes = [q for q in queries.captured_queries if q["sql"].startswith("INSERT INTO \"notifications_notification\"")]
    assert len(notes) == 3  # 4 + 4 + 2


def test_a_new_deadline_is_a_clock_declaration(world, in_tenant, monkeypatch):
    """What a module writes for a new deadline: a queryset, thresholds with markers, a handler."""
    from django.db.models import F, Q

    from core.clocks import registry
    from modules.frontdesk.models import WorkOrder

    def handle(order, now):
        WorkOrder.objects.filter(pk=order.pk).update(overdue_for=F("due_at"))
        return Notice(to=lambda members: members.users(members.with_roles("cs_supervisor")), title="新时钟")

    monkeypatch.setattr(registry, "_clocks", dict(registry._clocks))
    clock_register(Clock(name="tests.example", rows=lambda: WorkOrder.objects.filter(status="dispatched"),
                         thresholds=(Threshold(name="overdue", handle=handle,
                                               pending=Q(overdue_for__isnull=True) | ~Q(overdue_for=F("due_at"))),)))
    with in_tenant(world.alpha):
        [order] = _orders(world.alpha, 1)
        assert clock_run(name="tests.example") == 1
        due = int(order.due_at.timestamp())
    key = f"{world.alpha.schema_name}:tests.example:{order.pk}@{due}:overdue"  # (schema, clock, row, due, threshold)
    assert list(Notification.objects.filter(dedupe_key=key).values_list("user__username", flat=True)) == [
        "alpha_cs_supervisor"]


def test_a_chunk_of_e_mails_is_delivered_together_and_a_failing_one_kept(world, monkeypatch):
    from django.core import mail
    from django.core.mail.backends.locmem import EmailBackend

    from core.notifications.services import outbox_deliver_each

    rows = [OutboxMessage.objects.create(recipient=f"r{i}@example.com", subject=f"批量投递 {i}", body="x")
            for i in range(4)]
    real = EmailBackend.send_messages

    def flaky(self, messages):
        if messages[0].to == ["r2@example.com"]:
            raise OSError("mailbox unavailable")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    assert outbox_deliver_each(message_ids=[r.pk for r in rows]) == 3
    assert outbox_deliver_each(message_ids=[r.pk for r in rows]) == 0  # still failing; the sent ones never again
    states = {r.recipient: (r.status, r.attempts) for r in OutboxMessage.objects.filter(pk__in=[r.pk for r in rows])}
    assert states["r2@example.com"] == ("pending", 2)
    assert [states[f"r{i}@example.com"] for i in (0, 1, 3)] == [("sent", 1)] * 3
    assert sorted(m.to[0] for m in mail.outbox if m.subject.startswith("批量投递")) == [
        "r0@example.com", "r1@example.com", "r3@example.com"]
