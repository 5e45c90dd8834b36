"""C-10 (issue 9 §3.6): whole-incident steps at the same time as each other and as one complaint's own
steps. Every path locks the incident's complaint rows first, in one order (received_at, id), then the
incident row, so no two writers wait on each other in a ring (no deadlock) and each ends consistent.

Each write runs in its own thread and connection and really commits (tests/modules/complaints/
test_concurrency.py); what these tests commit is removed afterwards."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django_tenants.utils import schema_context

from modules.complaints import services
from tests.modules.complaints.factories import household_make, register
from tests.modules.complaints.test_concurrency import _in_threads, _once, _remove_committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed_incident(world):
    """A collective incident of five households, committed; removed with its rows afterwards."""
    from modules.complaints.models import Complaint, Incident
    from modules.residents.models import Building, Household, Unit

    with schema_context(world.alpha.schema_name):
        starts = [max(model.objects.values_list("pk", flat=True), default=0)
                  for model in (Complaint, Incident, Household, Unit, Building)]
    staff = world.users[("alpha", "cs_staff")]

    def build():
        complaints, incident = [], None
        for n in range(5):
            c = register(staff, household_id=household_make(building="并发楼").pk, content="停电",
                         complainant_name=f"住户{n}")
            if incident is None:
                incident = services.complaint_link_incident(user=staff, complaint_id=c.pk, title="并发楼停电")
            else:
                services.complaint_link_incident(user=staff, complaint_id=c.pk, incident_id=incident.pk)
            complaints.append(c)
        return incident, complaints

    yield _once(world, build)

    def remove():
        _remove_committed(after_pk=starts[0])
        with transaction.atomic():
            Incident.objects.filter(pk__gt=starts[1]).delete()
            Household.objects.filter(pk__gt=starts[2]).delete()
            Unit.objects.filter(pk__gt=starts[3]).delete()
            Building.objects.filter(pk__gt=starts[4]).delete()

    _once(world, remove)


def _rows(world, complaints):
    from modules.complaints.models import Complaint

    connection.set_schema(world.alpha.schema_name)
    return list(Complaint.objects.filter(pk__in=[c.pk for c in complaints]).order_by("received_at", "id"))


def test_c10_two_whole_incident_classifications_at_once_one_after_the_other(world, committed_incident):
    incident, complaints = committed_incident
    staff = world.users[("alpha", "cs_staff")]
    results = _in_threads(world, *[
        (lambda c=cls: services.incident_classify(user=staff, incident_id=incident.pk, classification=c))
        for cls in ("valid", "invalid")])
    assert not any(isinstance(r, Exception) for r in results), results
    rows = _rows(world, complaints)
    assert len({row.classification for row in rows}) == 1  # the last writer's, for every complaint
    for row in rows:
        kinds = list(row.events.filter(kind__in=("classified", "reclassified")).order_by("id")
                     .values_list("kind", flat=True))
        assert kinds == ["classified", "reclassified"]


def test_c10_whole_incident_and_single_complaint_steps_at_once_never_deadlock(world, committed_incident):
    incident, complaints = committed_incident
    staff, officer = world.users[("alpha", "cs_staff")], world.users[("alpha", "duty_officer")]
    results = _in_threads(
        world,
        lambda: services.incident_classify(user=staff, incident_id=incident.pk, classification="valid"),
        lambda: services.complaint_classify(user=staff, complaint_id=complaints[-1].pk, classification="invalid"),
        lambda: services.incident_report_director(user=officer, incident_id=incident.pk, note="已报主任"),
        lambda: services.complaint_classify(user=staff, complaint_id=complaints[0].pk, classification="assisted"),
        lambda: services.incident_classify(user=staff, incident_id=incident.pk, classification="invalid",
                                           urgent=True),
    )
    assert not any(isinstance(r, Exception) for r in results), results
    rows = _rows(world, complaints)
    assert {row.status for row in rows} == {"in_progress"}
    for row in rows:  # every complaint's state is the one its own last event says
        last = row.events.filter(kind__in=("classified", "reclassified")).order_by("-id").first()
        assert last.data["classification"] == row.classification
        assert row.events.filter(kind="collective_reported_director").count() == 1
