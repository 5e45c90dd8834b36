"""api/base.py: the one load-or-404 helper and the one input-validation helper, seen through real
endpoints (missing objects are 404 in the one error shape; bad input is 400 naming the field)."""

import pytest
from rest_framework.exceptions import NotFound

from api.base import found

pytestmark = pytest.mark.django_db
JSON = "application/json"
MISSING = 999999


def test_found_returns_the_object_or_raises_404():
    thing = object()
    assert found(thing) is thing
    with pytest.raises(NotFound) as raised:
        found(None, "没有这个。")
    assert str(raised.value.detail) == "没有这个。"


def _assert_404(response):
    assert response.status_code == 404, response.content
    assert response.json()["error"]["code"] == "not_found"


def test_missing_duty_objects_are_404(world, client_for):
    supervisor = client_for(world.alpha, "cs_supervisor")
    _assert_404(supervisor.put(f"/api/v1/duty/shifts/{MISSING}/", {}, content_type=JSON))
    _assert_404(supervisor.put(f"/api/v1/duty/posts/{MISSING}/", {}, content_type=JSON))
    _assert_404(supervisor.post(f"/api/v1/duty/roster/{MISSING}/withdraw/", {}, content_type=JSON))
    _assert_404(supervisor.post(f"/api/v1/duty/requests/{MISSING}/withdraw/", {}, content_type=JSON))
    _assert_404(supervisor.post(f"/api/v1/duty/handovers/{MISSING}/items/1/", {}, content_type=JSON))


def test_missing_residents_records_are_404(world, client_for):
    clerk = client_for(world.alpha, "records_clerk")
    for path in ("", "buildings/", "units/", "households/"):
        url = f"/api/v1/residents/{path}{MISSING}/"
        _assert_404(clerk.get(url))
        _assert_404(clerk.patch(url, {"name": "x"}, content_type=JSON))


def test_missing_hq_complaint_is_404_with_its_message(world, client_for):
    response = client_for(world.hq, "hq_agent").get(f"/api/v1/center/complaints/{MISSING}/")
    _assert_404(response)
    assert response.json()["error"]["message"] == "没有这条总部投诉。"


def test_partial_input_is_validated_and_names_the_field(world, client_for, in_tenant):
    from modules.residents.models import Building

    with in_tenant(world.alpha):
        building_id = Building.objects.create(name="校验楼").pk
    clerk = client_for(world.alpha, "records_clerk")
    bad = clerk.patch(f"/api/v1/residents/buildings/{building_id}/", {"change_note": "x" * 300},
                      content_type=JSON)
    assert bad.status_code == 400 and "change_note" in bad.json()["error"]["fields"]
    good = clerk.patch(f"/api/v1/residents/buildings/{building_id}/", {"note": "东门"}, content_type=JSON)
    assert good.status_code == 200 and good.json()["note"] == "东门" and good.json()["unit_count"] == 0
