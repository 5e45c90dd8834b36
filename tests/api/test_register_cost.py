"""Issue 8 goal 4: what registering a complaint costs in statements (C-01/C-02, C-04, D-06), pinned so it
cannot creep back — statements counted, never time. The request is the bench's (tests/bench/
test_bench_complaints.py): token auth, JSON, an office host whose year counter already exists."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token

from modules.duty import shifts
from modules.duty.services.instances import shift_instances_ensure
from tests.conftest import host_of

pytestmark = pytest.mark.django_db
URL = "/api/v1/complaints/"
BODY = {"channel": "phone", "content": "楼道灯不亮", "complainant_name": "成本", "complainant_phone": "13800138000",
        "category": "facilities"}

# token and user; membership; the frozen settings with the categories (S-08) | the registration's own
# transaction (here a savepoint, BEGIN … COMMIT in production, which Django does not count); the number
# (C-02); the complaint; its event (C-15) | the duty-log entry (D-06): the shift instance
# with its month's archive flag (one query, the day's instances made by the daily beat),
# the entry, its event | the duty officers' notifications (C-04), one insert that
# reads the members; their e-mails, one insert | the end of the transaction. The answer is built from
# what was written.
STATEMENTS = 13


def _sql(client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(URL, BODY, content_type="application/json")
    assert response.status_code == 201, response.content
    return [q["sql"] for q in ctx.captured_queries]


def test_c01_registration_runs_a_pinned_number_of_statements(world, in_tenant):
    with in_tenant(world.alpha):
        shift_instances_ensure(day=shifts.local_date(timezone.now()))  # the daily beat's (D-01)
    token = Token.objects.get_or_create(user=world.users[("alpha", "cs_staff")])[0].key
    client = Client(HTTP_HOST=host_of(world.alpha), HTTP_AUTHORIZATION=f"Token {token}")
    _sql(client)  # the year's counter row, the connection's search_path, the tenant's primary domain
    sql = _sql(client)
    assert len(sql) == STATEMENTS, "\n".join(sql)
    assert sum(s.startswith("SAVEPOINT") for s in sql) == 1  # no savepoint of the duty log or per person told
    assert not any('"tenants_domain"' in s for s in sql)  # the e-mail link's domain is known to the tenant
    assert sum('"notifications_notification"' in s for s in sql) == 1
    assert sum('"tenants_membership"' in s for s in sql) == 2  # the requester's; the duty officers, in that insert
    assert sum('"notifications_outboxmessage"' in s for s in sql) == 1
    assert not any(s.startswith("SELECT") and '"complaints_complaintevent"' in s for s in sql)  # not read back
