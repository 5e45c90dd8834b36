"""Bounds on request bodies (issue 7 §2.3, §2.6): deeply nested JSON, an oversized body, too many fields
and unknown routes are a 400/404 in the API's one error shape under /api/ (DESIGN.md convention 7), a plain
400 page elsewhere — never a 500 and never Django's HTML page on the API."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

from core.jsondepth import json_too_deep

pytestmark = pytest.mark.django_db

DEEP = "[" * 50_000


def _error(response, status: int = 400) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] and error["message"]
    return error


@pytest.mark.parametrize("text, deep", [
    ("[]", False), ('{"a": [1, {"b": 2}]}', False), ("[" * 32 + "]" * 32, False), ("[" * 33 + "]" * 33, True),
    ('["' + "[" * 100 + '"]', False),  # brackets inside a string are text
    ('{"a": "\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', False), (DEEP, True), ('{"a":' * 40, True),
])
def test_json_depth_is_measured_outside_strings(text, deep):
    assert json_too_deep(text, limit=32) is deep
    assert json_too_deep(text.encode(), limit=32) is deep


def test_deep_json_without_login_is_400_in_error_shape(world, client):
    for path in ("/api/v1/ping/", "/api/v1/residents/", "/api/v1/no-such-route/"):
        response = client.post(path, DEEP, content_type="application/json", HTTP_HOST="alpha.localhost")
        assert list(_error(response)["fields"]) == ["body"]


def test_deep_json_with_a_nul_is_400_not_a_recursion_error(world, client_for):
    body = "[" * 5_000 + '"\\u0000"' + "]" * 5_000
    response = client_for(world.alpha, "cs_staff").post("/api/v1/residents/", body,
                                                        content_type="application/json")
    assert list(_error(response)["fields"]) == ["body"]


def test_deep_json_on_a_page_is_a_plain_400(world, client_for):
    response = client_for(world.alpha, "cs_staff").post("/complaints/new/", DEEP, content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")


def test_deep_json_in_the_settings_form_is_a_form_error(world, client_for):
    client = client_for(world.public, "group_admin")
    response = client.post("/admin/settings/", {"key": "complaint.urgent_reply_hours", "value": DEEP})
    assert response.status_code == 200
    assert response.context["form"].errors["value"]


def test_a_body_over_the_upload_limit_is_400_json_on_the_api(world, client_for):
    big = '{"name": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024) + '"}'
    client = client_for(world.alpha, "cs_staff")
    assert list(_error(client.post("/api/v1/residents/", big, content_type="application/json"))["fields"]) == [
        "body"]
    form = "name=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024)
    _error(client.post("/api/v1/residents/", form, content_type="application/x-www-form-urlencoded"))


def test_too_many_fields_is_400_json_on_the_api(world, client_for):
    client = client_for(world.alpha, "cs_staff")
    fields = "&".join(f"f{i}=1" for i in range(5_000))
    _error(client.post("/api/v1/residents/", fields, content_type="application/x-www-form-urlencoded"))
    _error(client.get(f"/api/v1/residents/?{fields}"))


def test_too_many_fields_on_a_page_is_a_plain_400(world, client_for):
    fields = "&".join(f"f{i}=1" for i in range(5_000))
    response = client_for(world.alpha, "cs_staff").get(f"/residents/?{fields}")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")


@override_settings(DEBUG=True)
@pytest.mark.parametrize("path", ["/api/v1/no-such-route/", "/api/nothing", "/api/v1/residents/999999999/"])
def test_api_404_is_json_even_with_debug_on(world, client_for, path):
    assert _error(client_for(world.alpha, "cs_staff").get(path), status=404)["code"] == "not_found"


@override_settings(DEBUG=True)
def test_api_400_is_json_even_with_debug_on(world, client_for):
    fields = "&".join(f"f{i}=1" for i in range(5_000))
    _error(client_for(world.alpha, "cs_staff").get(f"/api/v1/residents/?{fields}"))


def test_a_page_404_stays_html(world, client_for):
    response = client_for(world.alpha, "cs_staff").get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
