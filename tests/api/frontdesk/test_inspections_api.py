"""F-05 API: rounds, findings that become work orders, submit, the supervisor's review."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db
URL = "/api/v1/frontdesk/inspections/"


def start(client, **extra):
    response = client.post(URL, {"area": "3栋 公共区域", **extra}, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def test_finding_becomes_work_order_F05(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    round_ = start(client)
    response = client.post(f"{URL}{round_['id']}/findings/", {
        "category": "illegal_adverts", "description": "电梯内小广告", "department": "cleaning"},
        content_type="application/json")
    assert response.status_code == 201, response.content
    order = response.json()["work_order"]
    assert order["department"] == "cleaning" and order["number"].startswith("GD-")
    queue = client_for(world.alpha, "cleaning").get("/api/v1/frontdesk/workorders/").json()["results"]
    assert order["id"] in [o["id"] for o in queue]
    submitted = client.post(f"{URL}{round_['id']}/submit/", {"issues": []}, content_type="application/json")
    assert submitted.json()["checklist"]["illegal_adverts"] == "issue"
    again = client.post(f"{URL}{round_['id']}/findings/", {
        "category": "toilets", "description": "缺纸", "department": "cleaning"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "inspection_not_open"


def test_supervisor_reviews_yesterday_F05(client_for, world):
    staff, supervisor = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "cs_supervisor")
    round_ = start(staff, started_at=(timezone.now() - timedelta(days=1)).isoformat())
    staff.post(f"{URL}{round_['id']}/submit/", {}, content_type="application/json")
    queue = supervisor.get(f"{URL}to-review/").json()["results"]
    assert [r["id"] for r in queue] == [round_["id"]]
    assert staff.get(f"{URL}to-review/").status_code == 403
    assert staff.post(f"{URL}{round_['id']}/review/", {"note": "x"}, content_type="application/json").status_code == 403
    reviewed = supervisor.post(f"{URL}{round_['id']}/review/", {"note": "已审核"}, content_type="application/json")
    assert reviewed.json()["status"] == "reviewed" and reviewed.json()["review_note"] == "已审核"


def test_bad_input_names_field_F05(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    assert "area" in client.post(URL, {}, content_type="application/json").json()["error"]["fields"]
    round_ = start(client)
    response = client.post(f"{URL}{round_['id']}/submit/", {"issues": ["pool"]}, content_type="application/json")
    assert response.status_code == 400 and "issues" in response.json()["error"]["fields"]


def test_other_office_gets_404_F05(client_for, world):
    round_ = start(client_for(world.alpha, "cs_staff"))
    intruder = client_for(world.alpha, "cs_supervisor", user_of=world.beta)
    assert intruder.get(f"{URL}{round_['id']}/").status_code == 404
    assert intruder.post(f"{URL}{round_['id']}/review/", {}, content_type="application/json").status_code == 404
