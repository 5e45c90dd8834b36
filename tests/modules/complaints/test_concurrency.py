"""Two people acting on one complaint at once (C-15, C-02 numbering, C-17 sweep locking).

Every write runs in its own thread and connection, so it really commits and the other connection
sees it; the test's own connection only reads. Each test makes its own complaints and removes them
afterwards (test data, not records the rules keep); the session's tenants and users are never
flushed (no transaction=True)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from core.clocks.engine import clock_run
from core.errors import ApplicationError
from modules.complaints import services
from tests.core.clocks import sweep as clocks_sweep
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(world):
    from modules.complaints.models import Complaint

    with schema_context(world.alpha.schema_name):
        start = max(Complaint.objects.values_list("pk", flat=True), default=0)
    yield world
    _once(world, lambda: _remove_committed(after_pk=start))


def _remove_committed(*, after_pk: int) -> None:
    """Remove what these tests committed, so later tests see the alpha office as they left it."""
    from modules.complaints.models import Complaint, ComplaintEvent, Reply
    from modules.duty.models import LogEntry

    with transaction.atomic():
        ids = list(Complaint.objects.filter(pk__gt=after_pk).values_list("pk", flat=True))
        LogEntry.objects.filter(source_type="complaint", source_id__in=ids).delete()
        ComplaintEvent.objects.filter(complaint_id__in=ids).delete()
        Reply.objects.filter(complaint_id__in=ids).delete()
        Complaint.objects.filter(pk__in=ids).delete()


def _in_threads(world, *actions):
    """Run each action in its own thread and connection, all released at once; return results."""
    barrier, results = threading.Barrier(len(actions)), [None] * len(actions)

    def run(index, action):
        try:
            connection.set_schema(world.alpha.schema_name)
            barrier.wait(10)
            results[index] = action()
        except Exception as exc:  # handed back to the test, which decides
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def _once(world, action):
    (result,) = _in_threads(world, action)
    if isinstance(result, Exception):
        raise result
    return result


def _new(world, **kw):
    return _once(world, lambda: register(world.users[("alpha", "cs_staff")], **kw))


def test_two_classifications_at_once_give_two_events_and_one_state_C15(committed):
    """C-05/C-15: two different classifications at once: the first, then its correction."""
    world, staff = committed, committed.users[("alpha", "cs_staff")]
    complaint = _new(world)
    results = _in_threads(world, *[
        (lambda c=cls: services.complaint_classify(user=staff, complaint_id=complaint.pk, classification=c))
        for cls in ("valid", "invalid")])
    assert not any(isinstance(r, Exception) for r in results)
    connection.set_schema(world.alpha.schema_name)
    complaint.refresh_from_db()
    events = list(complaint.events.filter(kind__in=("classified", "reclassified")).order_by("id")
                  .values_list("kind", "data"))
    assert [kind for kind, _data in events] == ["classified", "reclassified"]
    assert complaint.status == "in_progress"
    assert complaint.classification == events[-1][1]["classification"]  # the last writer's state, consistently
    assert events[-1][1]["replaces"]["classification"] == events[0][1]["classification"]


def test_ten_identical_classifications_at_once_record_one_event_C05_C15(committed):
    """C-05/C-15: the same classification sent ten times at once (a double-clicking client, retries)
    is one classification: the row lock serialises them and the repeats change nothing."""
    world, staff = committed, committed.users[("alpha", "cs_staff")]
    complaint = _new(world)
    same = lambda: services.complaint_classify(user=staff, complaint_id=complaint.pk,  # noqa: E731
                                               classification="valid", urgent=True)
    results = _in_threads(world, *[same] * 10)
    assert not any(isinstance(r, Exception) for r in results)
    connection.set_schema(world.alpha.schema_name)
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert kinds.count("classified") == 1 and "reclassified" not in kinds


def test_two_closes_at_once_one_wins_C14(committed):
    world, staff = committed, committed.users[("alpha", "cs_staff")]
    complaint = _new(world)
    _once(world, lambda: services.complaint_classify(user=staff, complaint_id=complaint.pk,
                                                     classification="valid"))
    _once(world, lambda: services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone"))
    close = lambda: services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)  # noqa: E731
    results = _in_threads(world, close, close)
    errors = [r for r in results if isinstance(r, ApplicationError)]
    assert sum(1 for r in results if not isinstance(r, Exception)) == 1
    assert len(errors) == 1 and errors[0].status == 409
    connection.set_schema(world.alpha.schema_name)
    assert complaint.events.filter(kind="closed").count() == 1


def test_simultaneous_registrations_get_distinct_numbers_C02(committed):
    world, staff = committed, committed.users[("alpha", "cs_staff")]
    made = _in_threads(world, *[lambda: register(staff) for _ in range(4)])
    assert not any(isinstance(c, Exception) for c in made)
    assert len({c.number for c in made}) == 4


def test_same_idempotency_key_at_once_gives_one_complaint_C02(committed):
    world, staff = committed, committed.users[("alpha", "cs_staff")]
    key = f"race-{timezone.now().timestamp()}"
    made = _in_threads(world, *[lambda: register(staff, idempotency_key=key) for _ in range(3)])
    assert not any(isinstance(c, Exception) for c in made)
    assert len({c.pk for c in made}) == 1
    assert sum(1 for c in made if c.was_created) == 1


def test_sweep_skips_rows_locked_elsewhere_C17(committed):
    from core.notifications.models import Notification
    from modules.complaints.models import Complaint

    world = committed
    complaint = _new(world)
    _once(world, lambda: Complaint.objects.filter(pk=complaint.pk).update(
        due_at=timezone.now() - timedelta(minutes=5)))
    locked, release = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():
            Complaint.objects.select_for_update().get(pk=complaint.pk)
            locked.set()
            release.wait(10)

    def sweep():
        locked.wait(10)
        try:
            return clock_run(name="complaints.step", now=timezone.now(), tenant=world.alpha)
        finally:
            release.set()

    assert not any(isinstance(r, Exception) for r in _in_threads(world, hold, sweep))
    key = f"{world.alpha.schema_name}:{complaint.pk}:"
    assert not Notification.objects.filter(dedupe_key__startswith=key).exists()
    savepoint = transaction.savepoint()  # rolled back below: its row locks go with it
    clocks_sweep("complaints.step")
    told = Notification.objects.filter(dedupe_key__startswith=key).exists()
    transaction.savepoint_rollback(savepoint)
    assert told
