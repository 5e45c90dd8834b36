"""F-06 / M-01 API: notices drafted, published before the start, withdrawn."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db
URL = "/api/v1/frontdesk/notices/"


def create(client, **overrides):
    start = timezone.now() + timedelta(days=2)
    data = {"kind": "power_cut", "title": "停电通知", "body": "线路检修", "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=4)).isoformat(), "all_buildings": True}
    data.update(overrides)
    return client.post(URL, data, content_type="application/json")


def test_notice_publish_and_withdraw_M01(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    notice = create(client).json()
    published = client.post(f"{URL}{notice['id']}/publish/", {}, content_type="application/json")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert client.post(f"{URL}{notice['id']}/publish/").status_code == 409
    withdrawn = client.post(f"{URL}{notice['id']}/withdraw/", {"reason": "改期"}, content_type="application/json")
    assert withdrawn.json()["status"] == "withdrawn"


def test_publish_after_start_is_400_on_publish_at_M01(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    notice = create(client).json()
    late = (timezone.now() + timedelta(days=3)).isoformat()
    response = client.post(f"{URL}{notice['id']}/publish/", {"publish_at": late}, content_type="application/json")
    assert response.status_code == 400 and "publish_at" in response.json()["error"]["fields"]


def test_bad_input_names_field_F06(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    start = timezone.now() + timedelta(days=1)
    response = create(client, ends_at=(start - timedelta(hours=1)).isoformat())
    assert response.status_code == 400 and "ends_at" in response.json()["error"]["fields"]
    response = create(client, all_buildings=False)
    assert response.status_code == 400 and "building_ids" in response.json()["error"]["fields"]


def test_roles_and_other_office_F06(client_for, world):
    assert create(client_for(world.alpha, "engineering")).status_code == 403
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).get(URL).status_code == 404
