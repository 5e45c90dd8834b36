"""Two findings or two classifications at once (A-01 counter lock, C-20 one proposal). Each write runs
in its own thread and connection, so it really commits; what the tests commit is removed afterwards."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from modules.assessment import services

pytestmark = pytest.mark.django_db


def _in_threads(world, *actions):
    barrier, results = threading.Barrier(len(actions)), [None] * len(actions)

    def run(index, action):
        try:
            connection.set_schema(world.alpha.schema_name)
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
        thread.join(30)
    return results


@pytest.fixture
def committed(world):
    yield world

    def clean():
        from modules.assessment.models import Counter, Event, Finding, Proposal
        from modules.complaints.models import Complaint, ComplaintEvent
        from modules.duty.models import LogEntry

        with transaction.atomic():
            Event.objects.all().delete()
            Finding.objects.all().delete()
            Proposal.objects.all().delete()
            Counter.objects.all().delete()
            ids = list(Complaint.objects.filter(content="并发测试").values_list("pk", flat=True))
            LogEntry.objects.filter(source_type="complaint", source_id__in=ids).delete()
            ComplaintEvent.objects.filter(complaint_id__in=ids).delete()
            Complaint.objects.filter(pk__in=ids).delete()

    _in_threads(world, clean)


def test_a01_two_findings_at_once_are_never_both_the_third(committed):
    world = committed
    leader, staff = world.users[("alpha", "cs_leader")], world.users[("alpha", "cs_staff")]
    when = datetime(2026, 7, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))

    def record():
        return services.finding_record(user=leader, person_id=staff.pk, rule_code="YX-05", occurred_at=when,
                                       extra_points="3")  # within both the warning and the demerit range

    for _ in range(2):
        (result,) = _in_threads(world, record)
        assert not isinstance(result, Exception), result
    results = _in_threads(world, record, record)
    assert not any(isinstance(r, Exception) for r in results), results
    assert sorted(r.count_in_month for r in results) == [3, 4]
    assert sorted(r.step for r in results) == ["demerit", "warning"]


def test_c20_classified_twice_in_parallel_yields_one_proposal_confirmed_once(committed):
    from modules.assessment.models import Event, Finding, Proposal
    from modules.complaints.services import complaint_classify
    from tests.modules.complaints.factories import register

    world = committed
    staff, supervisor = world.users[("alpha", "cs_staff")], world.users[("alpha", "cs_supervisor")]
    (complaint,) = _in_threads(world, lambda: register(staff, content="并发测试"))

    def classify():
        return complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid", staff_id=staff.pk)

    results = _in_threads(world, classify, classify)
    assert not any(isinstance(r, Exception) for r in results), results
    (proposals,) = _in_threads(world, lambda: list(Proposal.objects.filter(source_id=complaint.pk)))
    assert len(proposals) == 1
    (proposed,) = _in_threads(world, lambda: Event.objects.filter(
        object_type="proposal", object_id=proposals[0].pk, kind="proposed").count())
    assert proposed == 1  # its event written once, by whichever classification made it

    def confirm():
        return services.proposal_confirm(user=supervisor, proposal_id=proposals[0].pk, points="6")

    results = _in_threads(world, confirm, confirm)
    assert sorted(type(r).__name__ for r in results) == ["NotAllowedNow", "Proposal"]
    (count,) = _in_threads(world, lambda: Finding.objects.filter(proposal_id=proposals[0].pk).count())
    assert count == 1


def test_c20_classify_page_with_the_staff_picker_twice_in_parallel_one_proposal_confirmed_once(committed):
    """The complaint page's classify form names the staff member (optional picker of the office's people);
    two clicks at once make one proposal, and two confirmations at once make one finding."""
    from django.test import Client

    from modules.assessment.models import Finding, Proposal
    from tests.conftest import host_of
    from tests.modules.complaints.factories import register

    world = committed
    staff, leader = world.users[("alpha", "cs_staff")], world.users[("alpha", "cs_leader")]
    (complaint,) = _in_threads(world, lambda: register(staff, content="并发测试"))

    def logged_in(role):
        client = Client(HTTP_HOST=host_of(world.alpha))
        client.force_login(world.users[("alpha", role)])
        return client

    first, second, boss, boss2 = _in_threads(world, lambda: logged_in("cs_staff"), lambda: logged_in("cs_staff"),
                                             lambda: logged_in("cs_supervisor"), lambda: logged_in("cs_supervisor"))
    page = _in_threads(world, lambda: first.get(f"/complaints/{complaint.pk}/").content.decode())[0]
    assert 'name="classify-staff_id"' in page and f'<option value="{leader.pk}"' in page
    body = {"classify-classification": "valid", "classify-staff_id": str(leader.pk)}

    def classify(client):
        return lambda: client.post(f"/complaints/{complaint.pk}/do/classify/", body).status_code

    assert _in_threads(world, classify(first), classify(second)) == [302, 302]
    (proposals,) = _in_threads(world, lambda: list(Proposal.objects.filter(source_id=complaint.pk)))
    assert [(p.person_id, p.rule_code) for p in proposals] == [(leader.pk, "YX-02")]

    def confirm(client):
        return lambda: client.post("/assessment/proposals/", {"proposal": proposals[0].pk, "action": "confirm",
                                                              "points": "7"}).status_code

    assert _in_threads(world, confirm(boss), confirm(boss2)) == [302, 302]
    (findings,) = _in_threads(world, lambda: list(Finding.objects.filter(proposal_id=proposals[0].pk)))
    assert [f.points for f in findings] == [-7]
