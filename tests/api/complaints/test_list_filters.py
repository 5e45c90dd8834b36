"""Issue 7 §5: the complaint list filtered by number (C-02) and by head office's reference (C-16)."""

import pytest

from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db
URL = "/api/v1/complaints/"


def _two_complaints(world, in_tenant):
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        first = register(world.users[("alpha", "cs_staff")])
        second = register(world.users[("alpha", "cs_staff")])
        Complaint.objects.filter(pk=second.pk).update(hq_ref="ZB-2026-0042")
    return first, second


def test_filter_by_number_and_by_hq_reference_C02_C16(world, client_for, in_tenant):
    first, second = _two_complaints(world, in_tenant)
    client = client_for(world.alpha, "cs_staff")
    by_number = client.get(URL, {"number": first.number.lower()}).json()["results"]
    assert [c["id"] for c in by_number] == [first.pk]
    by_ref = client.get(URL, {"hq_ref": "ZB-2026-0042"}).json()["results"]
    assert [c["id"] for c in by_ref] == [second.pk]
    assert client.get(URL, {"number": "TS-1999-999999"}).json()["results"] == []


def test_filters_bad_input_role_and_other_office_C02(world, client_for, in_tenant):
    first, _second = _two_complaints(world, in_tenant)
    too_long = client_for(world.alpha, "cs_staff").get(URL, {"number": "T" * 21})
    assert too_long.status_code == 400 and "number" in too_long.json()["error"]["fields"]
    assert client_for(world.alpha, "cashier").get(URL, {"number": first.number}).status_code == 403
    # beta's user on alpha's host: 404; on beta's own host alpha's number finds nothing
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).get(URL, {"number": first.number}).status_code == 404
    assert client_for(world.beta, "cs_staff").get(URL, {"number": first.number}).json()["results"] == []
