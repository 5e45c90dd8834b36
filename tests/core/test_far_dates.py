"""Far-off dates (issue 7 §2.4): a day, week or month a request names lies within the years of
settings.INPUT_DATE_MIN_YEAR..INPUT_DATE_MAX_YEAR — out of range is a 400 naming the field on the API, a
form error or a dropped navigation value on a page, never a 500. And a typed-in time is neither in the
future nor further back than the group setting `input.typed_time_max_days_back` (C-01, F-01, C-16)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.moments import TYPED_TIME_SETTING

pytestmark = pytest.mark.django_db

FAR = ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"]
FAR_MONTHS = ["9999-12", "0001-01", "1899-12", "2101-01"]
FAR_MOMENTS = ["0001-01-01T00:00:00-12:00", "9999-12-31T23:59:59+14:00", "1900-01-01T08:00:00+08:00"]
COMPLAINT = {"channel": "phone", "content": "车库漏水", "complainant_name": "赵六",
             "complainant_phone": "13700137000", "category": "repairs"}
CONTACT = {"channel": "phone", "unit": "5栋-302", "name": "孙八", "phone": "13800138000",
           "request": "楼道灯不亮", "request_type": "repair", "outcome": "workorder", "department": "engineering"}
HQ_COMPLAINT = {"channel": "government", "complainant_name": "赵六", "complainant_phone": "13600136000",
                "content": "12345 热线转来：地下车库漏水", "unit_text": "地下车库B2"}


def _field_error(response, field: str) -> str:
    assert response.status_code == 400, response.content[:300]
    fields = response.json()["error"]["fields"]
    assert field in fields, fields
    return fields[field][0]


@pytest.fixture
def clerk(world, client_for):
    return client_for(world.alpha, "records_clerk")


@pytest.mark.parametrize("day", FAR)
def test_duty_day_and_week_paths_out_of_range_are_400_D07(world, client_for, day):
    client = client_for(world.alpha, "office_director")
    _field_error(client.get(f"/api/v1/duty/weeks/{day}/"), "non_field_errors")
    _field_error(client.get(f"/api/v1/duty/days/{day}/"), "non_field_errors")


@pytest.mark.parametrize("month", FAR_MONTHS)
def test_duty_month_params_out_of_range_are_400_D06_D07(world, client_for, month):
    director = client_for(world.alpha, "office_director")
    _field_error(director.get(f"/api/v1/duty/months/export/?month={month}"), "month")
    _field_error(director.get(f"/api/v1/duty/roster/?month={month}"), "month")
    archive = client_for(world.alpha, "records_clerk").post("/api/v1/duty/months/archive/", {"month": month},
                                                            content_type="application/json")
    _field_error(archive, "month")


@pytest.mark.parametrize("query", [*(f"month={m}" for m in FAR_MONTHS), *(f"week={d}" for d in FAR),
                                   *(f"day={d}" for d in FAR)])
@pytest.mark.parametrize("page", ["/duty/day/", "/duty/week/", "/duty/archive/", "/duty/roster/",
                                  "/duty/archive/export/"])
def test_duty_pages_with_far_off_navigation_fall_back_to_today(world, client_for, page, query):
    response = client_for(world.alpha, "office_director").get(f"{page}?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("field, value", [("day", "9999-12-31"), ("week_start", "9999-12-27"),
                                          ("month", "9999-12")])
def test_duty_page_posts_with_far_off_dates_are_not_500(world, client_for, field, value):
    path = {"day": "/duty/day/sign/", "week_start": "/duty/week/check/", "month": "/duty/archive/month/"}[field]
    response = client_for(world.alpha, "office_director").post(path, {field: value})
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize("moment", FAR_MOMENTS)
def test_far_off_received_at_is_400_on_the_complaint_api_C01(world, client_for, moment):
    response = client_for(world.alpha, "cs_staff").post("/api/v1/complaints/", {**COMPLAINT, "received_at": moment},
                                                        content_type="application/json")
    _field_error(response, "received_at")


@pytest.mark.parametrize("query", ["day=9999-12-31", "day=0001-01-01"])
@pytest.mark.parametrize("path", ["/api/v1/frontdesk/contacts/", "/api/v1/frontdesk/inspections/",
                                  "/api/v1/frontdesk/visitors/", "/api/v1/duty/entries/"])
def test_far_off_day_filters_are_400_naming_day(world, client_for, path, query):
    response = client_for(world.alpha, "office_director").get(f"{path}?{query}")
    if response.status_code != 404:  # a list this role cannot see is no concern here
        _field_error(response, "day")


def test_a_registration_older_than_the_setting_is_refused_C01(world, client_for, in_tenant):
    client = client_for(world.alpha, "cs_staff")
    now = timezone.now()
    old = (now - timedelta(days=91)).isoformat()
    assert "90" in _field_error(client.post("/api/v1/complaints/", {**COMPLAINT, "received_at": old},
                                            content_type="application/json"), "received_at")
    recent = (now - timedelta(days=89)).isoformat()
    response = client.post("/api/v1/complaints/", {**COMPLAINT, "received_at": recent},
                           content_type="application/json")
    assert response.status_code == 201, response.content[:300]
    assert response.json()["number"].startswith(f"TS-{timezone.localtime(now - timedelta(days=89)):%Y}-")


def test_the_lower_bound_follows_the_group_setting_S08(world, client_for):
    from modules.catalog.services import setting_set

    setting_set(key=TYPED_TIME_SETTING, value=7, note="一周内补录", user=None)
    try:
        old = (timezone.now() - timedelta(days=8)).isoformat()
        response = client_for(world.alpha, "cs_staff").post(
            "/api/v1/complaints/", {**COMPLAINT, "received_at": old}, content_type="application/json")
        assert "7" in _field_error(response, "received_at")
    finally:
        setting_set(key=TYPED_TIME_SETTING, value=90, note="恢复", user=None)


def test_a_contact_older_than_the_setting_is_refused_F01(world, client_for):
    old = (timezone.now() - timedelta(days=200)).isoformat()
    response = client_for(world.alpha, "cs_staff").post("/api/v1/frontdesk/contacts/",
                                                        {**CONTACT, "received_at": old},
                                                        content_type="application/json")
    _field_error(response, "received_at")


@pytest.mark.parametrize("moment", [*FAR_MOMENTS, "offset:-200"])
def test_a_head_office_receipt_far_off_or_too_old_is_refused_C16(world, client_for, moment):
    if moment.startswith("offset:"):
        moment = (timezone.now() + timedelta(days=int(moment.split(":")[1]))).isoformat()
    response = client_for(world.hq, "hq_agent").post("/api/v1/center/complaints/",
                                                     {**HQ_COMPLAINT, "received_at": moment},
                                                     content_type="application/json")
    _field_error(response, "received_at")


def test_the_complaint_page_refuses_a_far_off_reply_time_C01(world, client_for):
    response = client_for(world.alpha, "cs_staff").post("/complaints/new/", {
        "channel": "phone", "content": "车库漏水", "complainant_name": "赵六", "complainant_phone": "13700137000",
        "category": "repairs", "requested_reply_at": "9999-12-31T08:00"})
    assert response.status_code in (200, 400)
    assert response.context["form"].errors["requested_reply_at"]


@pytest.mark.parametrize("period", ["9999-12", "0000-01", "1899-12"])
def test_head_office_period_out_of_range_is_400_or_a_form_error_C10(world, client_for, period):
    client = client_for(world.hq, "hq_agent")
    _field_error(client.get(f"/api/v1/center/cases/?period={period}"), "period")
    assert client.get(f"/center/?period={period}").status_code in (200, 400)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_spot_check_period_out_of_range_is_400_or_ignored_on_the_page_C19(world, client_for, day):
    director = client_for(world.alpha, "office_director")
    _field_error(director.get("/api/v1/complaints/spot-checks/", {"start": day, "end": day}), "start")
    assert director.get("/complaints/spot-checks/", {"start": day, "end": day}).status_code in (200, 400)


def test_calendar_override_out_of_range_is_400_naming_date(world, client_for):
    response = client_for(world.public, "group_admin").post(
        "/api/v1/catalog/calendar/", {"date": "9999-12-31", "is_working_day": True}, content_type="application/json")
    _field_error(response, "date")
    page = client_for(world.public, "group_admin").post("/admin/calendar/", {"date": "9999-12-31",
                                                                             "is_working_day": "1"})
    assert page.status_code == 200 and page.context["form"].errors["date"]
