"""S-08: several settings read at once (`setting_values`) are the values `setting_value` gives one by one —
the latest version in force at the moment, else the rule book's default — in one query, not one per key
(a registration freezes every complaint.* number: issue 8 goal 4)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from modules.catalog.selectors import setting_value, setting_values
from modules.catalog.services import setting_set
from modules.complaints.deadlines import SLA_KEYS
from modules.complaints.services._common import sla_snapshot

pytestmark = pytest.mark.django_db


def test_setting_values_match_setting_value_in_one_query_S08(world):
    keys = [f"complaint.{key}" for key in SLA_KEYS]
    now = timezone.now()
    setting_set(key=keys[0], value=setting_value(keys[0]), effective_from=now)  # a version in force
    later = setting_set(key=keys[0], value=setting_value(keys[0]), effective_from=now + timedelta(days=1))
    assert later.pk  # scheduled: not yet in force
    with CaptureQueriesContext(connection) as ctx:
        values = setting_values(keys, at=now + timedelta(seconds=1))
    assert len(ctx.captured_queries) == 1
    assert values == {key: setting_value(key, at=now + timedelta(seconds=1)) for key in keys}
    with CaptureQueriesContext(connection) as ctx:
        snapshot = sla_snapshot(at=now)
    assert len(ctx.captured_queries) == 1 and set(snapshot) == set(SLA_KEYS)
