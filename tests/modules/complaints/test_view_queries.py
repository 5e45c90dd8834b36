"""The queue and detail pages run a fixed number of queries, however many complaints or events there are
(DESIGN.md: no N+1 on list pages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from modules.complaints import services
from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    """Queries of one request, after a first one has warmed the caches and set the schema's search path
    (the test's own writes ran under `in_tenant`, which moves it)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _complaints(world, in_tenant, count: int, *, incident=None):
    """Complaints of every shape the queue shows: with a household, assigned, classified, in an incident."""
    staff = world.users[("alpha", "cs_staff")]
    made = []
    with in_tenant(world.alpha):
        for n in range(count):
            complaint = register(staff, household_id=household_make(building=f"查询楼{n % 3}").pk)
            services.complaint_assign(user=staff, complaint_id=complaint.pk, assignee_id=staff.pk)
            if n % 2:
                services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid",
                                            urgent=bool(n % 4 == 1))
            if incident is not None:
                services.complaint_link_incident(user=staff, complaint_id=complaint.pk, incident_id=incident.pk)
            made.append(complaint)
    return made


def test_queue_page_queries_do_not_grow_with_complaints(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        seed = register(staff)
        incident = services.complaint_link_incident(user=staff, complaint_id=seed.pk, title="查询测试事件")
    client = client_for(world.alpha, "cs_staff")
    _complaints(world, in_tenant, 2, incident=incident)
    few = _queries(client, "/complaints/")
    _complaints(world, in_tenant, 12, incident=incident)
    _complaints(world, in_tenant, 6)
    many = _queries(client, "/complaints/")
    body = client.get("/complaints/").content.decode()
    assert body.count('href="/complaints/') >= 21
    assert many == few


def test_detail_page_queries_do_not_grow_with_timeline(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    (complaint,) = _complaints(world, in_tenant, 1)
    with in_tenant(world.alpha):
        services.complaint_link_incident(user=staff, complaint_id=complaint.pk, title="时间线事件")
        assert complaint.events.count() == 3
    client = client_for(world.alpha, "cs_staff")
    url = f"/complaints/{complaint.pk}/"
    three = _queries(client, url)
    with in_tenant(world.alpha):
        for n in range(27):
            services.complaint_note(user=staff, complaint_id=complaint.pk, text=f"跟进记录 {n}")
        assert complaint.events.count() == 30
    thirty = _queries(client, url)
    assert "跟进记录 26" in client.get(url).content.decode()
    assert thirty == three
