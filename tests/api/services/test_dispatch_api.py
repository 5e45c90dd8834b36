"""S-04 dispatch and the subcontractor register: only approved subcontractors; evaluation flags for review."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from modules.services.models import Booking, Subcontractor
from tests.modules.services.helpers import approved_item

pytestmark = pytest.mark.django_db
BASE = "/api/v1/services/"
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def _book(world, client_for, item):
    return client_for(world.alpha, "cs_staff").post(BASE + "bookings/", {
        "channel": "desk", "item_id": item.pk, "name": "王", "address": "1-101",
        "wanted_at": (timezone.now() + timedelta(days=1)).isoformat()}, content_type="application/json").json()


def _sub(client_for, world, **extra):
    today = timezone.localdate()
    payload = {"name": "洁美家政公司", "contract_from": str(today - timedelta(days=10)),
               "contract_to": str(today + timedelta(days=300)), **extra}
    return client_for(world.alpha, "cs_supervisor").post(BASE + "subcontractors/", payload,
                                                         content_type="application/json")


def test_s04_dispatch_to_department_puts_a_work_order_in_its_queue(world, client_for):
    item = approved_item(world)
    booking = _book(world, client_for, item)
    response = client_for(world.alpha, "cs_staff").post(f"{BASE}bookings/{booking['id']}/dispatch/",
                                                        {"department": "cleaning"}, content_type="application/json")
    assert response.status_code == 200, response.content
    with tenant_context(world.alpha):
        from modules.frontdesk.models import WorkOrder

        order = WorkOrder.objects.get(pk=response.json()["workorder_id"])
    assert order.department == "cleaning" and booking["number"] in order.content


def test_s04_suspended_subcontractor_is_409_and_writes_nothing(world, client_for):
    item = approved_item(world)
    booking = _book(world, client_for, item)
    sub = _sub(client_for, world).json()
    supervisor = client_for(world.alpha, "cs_supervisor")
    assert supervisor.post(f"{BASE}subcontractors/{sub['id']}/status/", {"status": "suspended"},
                           content_type="application/json").json()["status"] == "suspended"
    response = client_for(world.alpha, "cs_staff").post(f"{BASE}bookings/{booking['id']}/dispatch/",
                                                        {"subcontractor_id": sub["id"], "fee": "30.00"},
                                                        content_type="application/json")
    assert response.status_code == 409 and "subcontractor_id" in response.json()["error"]["fields"]
    with tenant_context(world.alpha):
        assert Booking.objects.get(pk=booking["id"]).subcontractor_id is None


@pytest.mark.parametrize("fee", ["-1.00", "1.001"])
def test_s04_subcontractor_fee_bad_money_is_400(world, client_for, fee):
    item = approved_item(world)
    booking = _book(world, client_for, item)
    sub = _sub(client_for, world).json()
    response = client_for(world.alpha, "cs_staff").post(f"{BASE}bookings/{booking['id']}/dispatch/",
                                                        {"subcontractor_id": sub["id"], "fee": fee},
                                                        content_type="application/json")
    assert response.status_code == 400 and "fee" in response.json()["error"]["fields"]


def test_s04_low_average_flags_subcontractor_for_review(world, client_for):
    item = approved_item(world)
    sub = _sub(client_for, world).json()
    booking = _book(world, client_for, item)
    url = f"{BASE}bookings/{booking['id']}/"
    staff = client_for(world.alpha, "cs_staff")
    assert staff.post(url + "dispatch/", {"subcontractor_id": sub["id"], "fee": "30.00"},
                      content_type="application/json").status_code == 200
    staff.post(url + "record-work/", {"worker_name": "外包李", "hours": "1", "description": "完成"},
               content_type="application/json")
    staff.post(url + "confirm/", {"signature_data_url": PNG_URL}, content_type="application/json")
    supervisor = client_for(world.alpha, "cs_supervisor")
    _bad = supervisor.post(url + "evaluate/", {"score": 6}, content_type="application/json")
    assert _bad.status_code == 400
    assert supervisor.post(url + "evaluate/", {"score": 2}, content_type="application/json").status_code == 200
    with tenant_context(world.alpha):
        assert Subcontractor.objects.get(pk=sub["id"]).flagged_for_review
    assert supervisor.post(url + "evaluate/", {"score": 5}, content_type="application/json").status_code == 409


def test_s04_register_roles_and_isolation(world, client_for):
    assert _sub(client_for, world, contract_to="2000-01-01").status_code == 400
    assert client_for(world.alpha, "cs_staff").post(BASE + "subcontractors/", {}, content_type="application/json"
                                                    ).status_code == 403
    sub = _sub(client_for, world).json()
    item = approved_item(world)
    booking = _book(world, client_for, item)
    beta = client_for(world.beta, "cs_supervisor")
    assert all(row["id"] != sub["id"] or row["name"] != sub["name"] for row in beta.get(BASE + "subcontractors/").json())
    assert beta.post(f"{BASE}subcontractors/{sub['id']}/status/", {"status": "suspended"},
                     content_type="application/json").status_code == 404
    for action, body in (("dispatch", {"department": "cleaning"}), ("evaluate", {"score": 3})):
        assert client_for(world.beta, "cs_supervisor").post(f"{BASE}bookings/{booking['id']}/{action}/", body,
                                                            content_type="application/json").status_code == 404
