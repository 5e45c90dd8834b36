"""The group administrators' console on the apex host (R-03): offices, versioned settings (S-08),
working-day calendar overrides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.calendar import SHANGHAI, invalidate_overrides, is_working_day
from modules.catalog.defaults import default_value
from modules.catalog.models import CalendarOverride, Setting
from modules.catalog.selectors import setting_value
from tenants.models import Tenant

pytestmark = pytest.mark.django_db
KEY = "complaint.normal_reply_working_days"


@pytest.fixture
def admin(world, client_for):
    return client_for(world.public, "group_admin")


@pytest.fixture(autouse=True)
def _fresh_override_cache():
    invalidate_overrides()
    yield
    invalidate_overrides()


def _local(moment) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def test_console_pages_render_for_group_admin_R03(admin):
    for path in ("/admin/offices/", "/admin/settings/", "/admin/calendar/"):
        response = admin.get(path)
        assert response.status_code == 200, path
    assert "alpha.localhost" in admin.get("/admin/offices/").content.decode()


def test_console_is_404_for_office_user_on_apex_R04(world, client_for):
    stranger = client_for(world.public, "office_director", user_of=world.alpha)
    for path in ("/admin/offices/", "/admin/settings/", "/admin/calendar/"):
        assert stranger.get(path).status_code == 404


def test_console_not_on_office_host(world, client_for):
    assert client_for(world.alpha, "office_director").get("/admin/offices/").status_code == 404


DIRECTOR = {"director_username": "dir_console", "director_display_name": "王主任", "director_phone": ""}


def test_office_create_from_console_R03(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the job runs (eagerly) once queued
        response = admin.post("/admin/offices/", {"slug": "lakeside", "name": "湖畔管理处",
                                                  "kind": "residential", **DIRECTOR})
    assert response.status_code == 302 and "/admin/offices/jobs/" in response["Location"]
    tenant = Tenant.objects.get(slug="lakeside")
    assert tenant.type == Tenant.OFFICE and tenant.schema_name == "lakeside"


@pytest.mark.parametrize("slug", ["Bad_Slug", "hq", "alpha", "-x", "有"])
def test_office_create_bad_slug_shows_form_error_not_500(admin, slug):
    before = Tenant.objects.count()
    response = admin.post("/admin/offices/", {"slug": slug, "name": "坏管理处", "kind": "residential", **DIRECTOR})
    assert response.status_code == 200
    assert response.context["form"].errors["slug"]
    assert Tenant.objects.count() == before


def test_office_create_bad_kind_and_blank_name_are_form_errors(admin):
    response = admin.post("/admin/offices/", {"slug": "okname", "name": "", "kind": "castle", **DIRECTOR})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "kind"}
    assert not Tenant.objects.filter(slug="okname").exists()


def test_setting_future_version_does_not_change_today_S08(admin):
    future = timezone.now() + timedelta(days=10)
    response = admin.post("/admin/settings/", {"key": KEY, "value": "5", "effective_from": _local(future)})
    assert response.status_code == 302
    assert setting_value(KEY) == default_value(KEY)
    assert setting_value(KEY, at=future + timedelta(minutes=1)) == 5
    page = admin.get("/admin/settings/")
    row = next(r for r in page.context["rows"] if r["key"] == KEY)
    assert row["value"] == default_value(KEY)
    assert row["upcoming_value"] == 5  # shown as scheduled, not as current
    assert row["upcoming_from"].astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M") == _local(future)


def test_setting_now_applies_immediately_S08(admin):
    assert admin.post("/admin/settings/", {"key": KEY, "value": "3"}).status_code == 302
    assert setting_value(KEY) == 3


def test_setting_past_date_refused_S08(admin):
    past = timezone.now() - timedelta(days=3)
    response = admin.post("/admin/settings/", {"key": KEY, "value": "7", "effective_from": _local(past)})
    assert response.status_code == 200
    assert "effective_from" in response.context["form"].errors
    assert not Setting.objects.filter(key=KEY).exists()
    assert setting_value(KEY, at=timezone.now() - timedelta(days=1)) == default_value(KEY)


@pytest.mark.parametrize("value", ["abc", "0", "-2", "2.5", "NaN", "1e999", "true"])
def test_setting_bad_value_is_form_error_not_500(admin, value):
    response = admin.post("/admin/settings/", {"key": KEY, "value": value})
    assert response.status_code == 200
    assert "value" in response.context["form"].errors
    assert not Setting.objects.filter(key=KEY).exists()


def test_setting_unknown_key_refused(admin):
    response = admin.post("/admin/settings/", {"key": "no.such", "value": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Setting.objects.exists()


def test_calendar_override_from_console_changes_working_days(admin):
    day = date(2025, 10, 8)
    assert not is_working_day(day)
    response = admin.post("/admin/calendar/", {"date": "2025-10-08", "is_working_day": "1", "note": "值班"})
    assert response.status_code == 302
    assert CalendarOverride.objects.get(date=day).is_working_day
    assert is_working_day(day)
    assert "2025" in admin.get("/admin/calendar/").content.decode()


def test_calendar_override_bad_date_is_form_error(admin):
    response = admin.post("/admin/calendar/", {"date": "2025-02-30", "is_working_day": "1"})
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert not CalendarOverride.objects.exists()
