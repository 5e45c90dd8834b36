"""Every periodic sweep isolates failures per office and per row (issue 7 §1.5; DESIGN.md "Clocks":
one bad row is logged and skipped): a row or an office that raises is rolled back alone and logged,
and the others are still swept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.notifications.models import Notification, OutboxMessage
from tests.core.clocks import sweep
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def _broken(real, is_bad, message):
    """`real`, except that it raises for the arguments `is_bad` picks."""
    def flaky(*args, **kwargs):
        if is_bad(*args, **kwargs):
            raise RuntimeError(message)
        return real(*args, **kwargs)
    return flaky


def _logged(caplog, message) -> bool:
    return any(message in str(record.exc_info) for record in caplog.records)


def test_complaint_sweep_skips_a_row_that_raises_C17(world, in_tenant, monkeypatch, caplog):
    from modules.complaints.models import Complaint
    from modules.complaints.services import reminders

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        bad, good = register(staff), register(staff)
        Complaint.objects.filter(pk__in=[bad.pk, good.pk]).update(due_at=timezone.now() - timedelta(minutes=5))
    monkeypatch.setattr(reminders, "_notice", _broken(reminders._notice, lambda *, complaint, **_: complaint.pk == bad.pk,
                                                      "bad complaint row"))
    sweep("complaints.step")
    with in_tenant(world.alpha):
        bad.refresh_from_db()
        good.refresh_from_db()
        assert good.step_overdue and good.events.filter(kind="overdue").count() == 1
        assert not bad.step_overdue and not bad.events.filter(kind="overdue").exists()  # rolled back alone
    assert _logged(caplog, "bad complaint row")


def _overdue_order(world, office, department="engineering"):
    from modules.frontdesk.models import WorkOrder
    from modules.frontdesk.services import workorder_dispatch

    order = workorder_dispatch(user=world.users[(office.slug, "cs_staff")], department=department,
                               content="路灯不亮")
    WorkOrder.objects.filter(pk=order.pk).update(due_at=timezone.now() - timedelta(minutes=10))
    return order


def _order_told(office, order) -> bool:
    return Notification.objects.filter(tenant=office, dedupe_key__contains=f":workorder:{order.pk}:overdue:").exists()


def test_workorder_sweep_skips_a_row_that_raises_F02(world, in_tenant, monkeypatch, caplog):
    from modules.frontdesk.models import WorkOrder
    from modules.frontdesk.services import overdue

    with in_tenant(world.alpha):
        bad, good = _overdue_order(world, world.alpha), _overdue_order(world, world.alpha, "security")
    monkeypatch.setattr(overdue, "overdue_recipients", _broken(
        overdue.overdue_recipients, lambda *, order, **_: order.pk == bad.pk, "bad work order row"))
    sweep("frontdesk.workorder")
    assert _order_told(world.alpha, good) and not _order_told(world.alpha, bad)
    with in_tenant(world.alpha):
        assert WorkOrder.objects.get(pk=bad.pk).overdue_for is None  # rolled back alone: next sweep retries
    assert _logged(caplog, "bad work order row")


def test_workorder_sweep_skips_an_office_that_raises_F02(world, in_tenant, monkeypatch, caplog):
    from django.db import connection

    from core.clocks import engine

    with in_tenant(world.beta):
        order = _overdue_order(world, world.beta)
    monkeypatch.setattr(engine, "clocks_run_here", _broken(
        engine.clocks_run_here, lambda **_: connection.schema_name == world.alpha.schema_name, "alpha broken"))
    counts = sweep("frontdesk.workorder")
    assert world.alpha.schema_name not in counts and counts[world.beta.schema_name] >= 1
    assert _order_told(world.beta, order) and _logged(caplog, "alpha broken")


def test_duty_daily_skips_a_shift_that_raises_D01(world, in_tenant, monkeypatch, caplog):
    from modules.duty.models import ShiftInstance, ShiftTemplate
    from modules.duty.services import instances

    day = timezone.localdate() + timedelta(days=400)
    with in_tenant(world.alpha):
        shifts = list(ShiftTemplate.objects.filter(is_active=True).order_by("id"))
    assert len(shifts) >= 2
    monkeypatch.setattr(instances, "shift_instance_ensure", _broken(
        instances.shift_instance_ensure, lambda *, shift, **_: shift.pk == shifts[0].pk, "bad shift row"))
    counts = instances.shift_instances_ensure_every_office(day=day)
    assert counts[world.alpha.schema_name] == len(shifts) - 1
    with in_tenant(world.alpha):
        made = set(ShiftInstance.objects.filter(date=day).values_list("shift_id", flat=True))
    assert made == {s.pk for s in shifts[1:]} and _logged(caplog, "bad shift row")


def test_duty_daily_skips_an_office_that_raises_D01(world, in_tenant, monkeypatch, caplog):
    from modules.duty.models import ShiftInstance
    from modules.duty.services import instances

    day = timezone.localdate() + timedelta(days=401)

    def alpha_broken(*args, **kwargs):
        from django.db import connection

        return connection.schema_name == world.alpha.schema_name

    monkeypatch.setattr(instances, "_ensure_office_day", _broken(instances._ensure_office_day, alpha_broken,
                                                                 "alpha broken"))
    counts = instances.shift_instances_ensure_every_office(day=day)
    assert world.alpha.schema_name not in counts and counts[world.beta.schema_name] > 0
    with in_tenant(world.beta):
        assert ShiftInstance.objects.filter(date=day).count() == counts[world.beta.schema_name]
    assert _logged(caplog, "alpha broken")


def test_outbox_flush_skips_a_message_that_raises(world, monkeypatch, caplog):
    from django.core import mail

    from core.notifications import services

    bad = OutboxMessage.objects.create(recipient="a@example.com", subject="坏的一条", body="x")
    good = OutboxMessage.objects.create(recipient="b@example.com", subject="好的一条", body="x")
    monkeypatch.setattr(services, "outbox_queue", _broken(
        services.outbox_queue, lambda *, message_id: message_id == bad.pk, "bad outbox row"))
    services.outbox_flush()
    assert [m.subject for m in mail.outbox if m.subject in ("坏的一条", "好的一条")] == ["好的一条"]
    assert OutboxMessage.objects.get(pk=good.pk).status == "sent"
    assert OutboxMessage.objects.get(pk=bad.pk).status == "pending" and _logged(caplog, "bad outbox row")
