"""NUL bytes (PostgreSQL refuses them in text) are answered with 400 by core.middleware.RejectNullBytes
before any view runs: in the API's one error shape under /api/, as a plain Chinese page elsewhere."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(world, client_for):
    return client_for(world.alpha, "cs_staff")


def _api_error(response, field: str) -> dict:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"]
    assert list(error["fields"]) == [field] and error["fields"][field]
    return error


def test_middleware_runs_right_after_tenant_routing_and_the_body_bounds():
    routing = settings.MIDDLEWARE.index("tenants.middleware.CachedTenantMiddleware")
    assert settings.MIDDLEWARE[routing + 1:routing + 3] == ["core.middleware.BoundRequestBodies",
                                                            "core.middleware.RejectNullBytes"]
    assert settings.MIDDLEWARE[0] == "core.middleware.ApiErrorShape"


@pytest.mark.parametrize("path", ["/api/v1/residents/?q=%00", "/api/v1/residents/households/?q=ab%00c",
                                  "/api/v1/complaints/?status=%00", "/api/v1/residents/?%00=1"])
def test_api_get_parameter_with_nul_is_400_in_error_shape(clerk, path):
    field = "q" if "q=" in path else ("status" if "status" in path else "query")
    _api_error(clerk.get(path), field)


def test_api_path_with_nul_is_400(clerk):
    _api_error(clerk.get("/api/v1/residents/%00/"), "path")


def test_api_post_form_and_json_with_nul_are_400(clerk):
    _api_error(clerk.post("/api/v1/residents/", {"name": "王\x00小明"}), "name")
    body = json.dumps({"name": "王小明", "phones": [{"number": "1\x00"}]})
    _api_error(clerk.post("/api/v1/residents/", body, content_type="application/json"), "number")


@pytest.mark.parametrize("path", ["/residents/?q=%00", "/complaints/?q=%00", "/residents/%00/",
                                  "/frontdesk/?q=x%00"])
def test_page_with_nul_is_plain_chinese_400(clerk, path):
    response = clerk.get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "请求无效" in response.content.decode()


def test_page_post_with_nul_is_400_and_nothing_written(world, clerk, in_tenant):
    from modules.residents.models import Resident

    with in_tenant(world.alpha):
        before = Resident.objects.count()
    response = clerk.post("/residents/new/", {"name": "王小明\x00", "phone": "13812345678"})
    assert response.status_code == 400
    with in_tenant(world.alpha):
        assert Resident.objects.count() == before


def test_public_form_with_nul_is_400_for_anonymous(world, client_for):
    response = client_for(world.alpha).post("/public/complaints/", {"content": "漏水\x00"})
    assert response.status_code == 400


def test_clean_requests_pass_through(clerk):
    assert clerk.get("/api/v1/me/?q=王").status_code == 200
    assert clerk.get("/api/v1/residents/households/?q=王").status_code == 200
    assert clerk.get("/residents/?q=王").status_code == 200
