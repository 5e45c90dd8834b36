"""Group administration API on the apex host (R-03, S-08); office hosts do not expose it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.calendar import invalidate_overrides
from modules.catalog.defaults import default_value
from modules.catalog.models import CalendarOverride, Setting
from modules.catalog.selectors import setting_value
from tenants.models import Tenant

pytestmark = pytest.mark.django_db
KEY = "complaint.urgent_reply_hours"
PATHS = ("/api/v1/catalog/offices/", "/api/v1/catalog/settings/", "/api/v1/catalog/calendar/")


@pytest.fixture
def admin(world, client_for):
    return client_for(world.public, "group_admin")


@pytest.fixture(autouse=True)
def _fresh_override_cache():
    invalidate_overrides()
    yield
    invalidate_overrides()


def _error(response, status, field=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and {"code", "message", "fields"} <= set(body["error"])
    if field:
        assert field in body["error"]["fields"], body
    return body["error"]


DIRECTOR = {"director_username": "dir_api", "director_display_name": "李主任"}


def test_offices_list_and_create_R03(admin, django_capture_on_commit_callbacks):
    slugs = {row["slug"] for row in admin.get(PATHS[0]).json()["results"]}
    assert {"alpha", "beta", "hq"} <= slugs
    with django_capture_on_commit_callbacks(execute=True):  # the job runs (eagerly) once queued
        response = admin.post(PATHS[0], {"slug": "riverside", "name": "河畔管理处", "kind": "mall", **DIRECTOR},
                              content_type="application/json")
    assert response.status_code == 202, response.content
    job = admin.get(response["Location"]).json()
    assert job["status"] == "done" and job["office_url"].startswith("http://riverside.localhost")
    assert Tenant.objects.get(slug="riverside").kind == "mall"


@pytest.mark.parametrize("payload, field", [
    ({"slug": "Bad Slug", "name": "x", **DIRECTOR}, "slug"),
    ({"slug": "alpha", "name": "x", **DIRECTOR}, "slug"),
    ({"slug": "okay", "name": "x", "kind": "castle", **DIRECTOR}, "kind"),
    ({"name": "x", **DIRECTOR}, "slug"),
    ({"slug": "okay2", "name": "   ", **DIRECTOR}, "name"),
    ({"slug": "okay3", "name": "x", "director_username": "alpha_office_director",
      "director_display_name": "重名"}, "director_username"),
    ({"slug": "okay4", "name": "x", "director_username": "bad name!", "director_display_name": "x"},
     "director_username"),
    ({"slug": "okay5", "name": "x", **DIRECTOR, "director_phone": "12"}, "director_phone"),
    ({"slug": "okay6", "name": "x"}, "director_username"),
])
def test_offices_bad_input_400_names_field(admin, payload, field):
    before = Tenant.objects.count()
    _error(admin.post(PATHS[0], payload, content_type="application/json"), 400, field)
    assert Tenant.objects.count() == before


def test_settings_list_and_future_version_S08(admin):
    rows = {row["key"]: row for row in admin.get(PATHS[1]).json()}
    assert rows[KEY]["value"] == default_value(KEY) and rows[KEY]["rule"] == "C-06"
    future = timezone.now() + timedelta(days=5)
    response = admin.post(PATHS[1], {"key": KEY, "value": 4, "effective_from": future.isoformat()},
                          content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["value"] == 4 and response.json()["key"] == KEY
    assert setting_value(KEY) == default_value(KEY)
    assert setting_value(KEY, at=future) == 4
    row = {row["key"]: row for row in admin.get(PATHS[1]).json()}[KEY]
    assert row["value"] == default_value(KEY) and row["upcoming_value"] == 4


@pytest.mark.parametrize("payload, field", [
    ({"key": KEY, "value": 4, "effective_from": "2020-01-01T00:00:00+08:00"}, "effective_from"),
    ({"key": KEY, "value": "many"}, "value"),
    ({"key": KEY, "value": 0}, "value"),
    ({"key": KEY, "value": 1.5}, "value"),
    ({"key": "nope", "value": 1}, "key"),
    ({"key": KEY}, "value"),
    ({"key": KEY, "value": 2, "effective_from": "tomorrow"}, "effective_from"),
    ({"key": "complaint.categories", "value": 3}, "value"),
])
def test_settings_bad_input_400_names_field(admin, payload, field):
    _error(admin.post(PATHS[1], payload, content_type="application/json"), 400, field)
    assert not Setting.objects.exists()


def test_calendar_override_create_and_list(admin):
    response = admin.post(PATHS[2], {"date": "2026-10-08", "is_working_day": False, "note": "集团放假"},
                          content_type="application/json")
    assert response.status_code == 201, response.content
    body = admin.get(PATHS[2]).json()
    assert body["count"] == 1
    assert body["results"] == [{"date": "2026-10-08", "is_working_day": False, "note": "集团放假"}]
    assert not CalendarOverride.objects.get().is_working_day


@pytest.mark.parametrize("payload, field", [
    ({"date": "2026-02-30", "is_working_day": True}, "date"),
    ({"date": "2026-03-01"}, "is_working_day"),
    ({"date": "2026-03-01", "is_working_day": "maybe"}, "is_working_day"),
])
def test_calendar_bad_input_400_names_field(admin, payload, field):
    _error(admin.post(PATHS[2], payload, content_type="application/json"), 400, field)
    assert not CalendarOverride.objects.exists()


@pytest.mark.parametrize("path", PATHS)
def test_anonymous_401(world, client_for, path):
    _error(client_for(world.public).get(path), 401)


@pytest.mark.parametrize("path", PATHS)
def test_office_user_on_apex_404_R04(world, client_for, path):
    client = client_for(world.public, "office_director", user_of=world.alpha)
    _error(client.get(path), 404)
    _error(client.post(path, {}, content_type="application/json"), 404)


@pytest.mark.parametrize("path", PATHS)
def test_hq_user_on_apex_404_R04(world, client_for, path):
    _error(client_for(world.public, "hq_gm", user_of=world.hq).get(path), 404)


def test_member_of_apex_without_permission_403(world, client_for, monkeypatch):
    from core import permissions

    monkeypatch.setitem(permissions.PERMISSIONS, "catalog.manage", set())
    _error(client_for(world.public, "group_admin").get(PATHS[1]), 403)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("tenant_name, role", [("alpha", "office_director"), ("hq", "hq_gm")])
def test_catalog_api_absent_on_office_and_hq_hosts(world, client_for, path, tenant_name, role):
    tenant = getattr(world, tenant_name)
    assert client_for(tenant, role).get(path).status_code == 404
