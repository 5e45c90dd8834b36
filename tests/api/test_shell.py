"""The API shell (DESIGN.md convention 7): schema and docs on every host type, served offline, one
error shape for every failure, and a schema that validates without warnings."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from rest_framework.permissions import AllowAny
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from core.errors import NotAllowedNow

pytestmark = pytest.mark.django_db
HOSTS = [("alpha", "cs_staff"), ("hq", "hq_agent"), ("public", "group_admin")]


def _error(response, status, code=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


@pytest.mark.parametrize("tenant_name, role", HOSTS)
def test_schema_served_on_every_host_type(world, client_for, tenant_name, role):
    response = client_for(getattr(world, tenant_name)).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/me/" in paths
    has_catalog = any(p.startswith("/api/v1/catalog/") for p in paths)
    assert has_catalog == (tenant_name == "public")  # group administration only on the apex


@pytest.mark.parametrize("tenant_name, role", HOSTS)
def test_swagger_ui_uses_local_sidecar_files(world, client_for, tenant_name, role):
    response = client_for(getattr(world, tenant_name)).get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in a for a in assets)
    assert not [a for a in assets if a.startswith(("http:", "https:", "//"))]
    assert "cdn" not in html.lower()
    # the start-up script comes from ?script, not inline (Content-Security-Policy)
    script = client_for(getattr(world, tenant_name)).get("/api/docs/?script=").content.decode()
    assert "/api/schema/" in script


@pytest.mark.parametrize("urlconf", ["api.urls_office", "api.urls_hq", "api.urls_public"])
def test_openapi_schema_validates_without_warnings(urlconf, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--urlconf", urlconf,
                 "--file", str(tmp_path / "schema.yaml"))
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi:")


def test_error_shape_400_names_field(world, client_for):
    client = client_for(world.public, "group_admin")
    error = _error(client.post("/api/v1/catalog/calendar/", {"date": "x", "is_working_day": True},
                               content_type="application/json"), 400, "invalid")
    assert "date" in error["fields"]


def test_error_shape_401_for_anonymous(world, client_for):
    response = client_for(world.alpha).get("/api/v1/me/")
    _error(response, 401, "not_authenticated")
    assert response.has_header("WWW-Authenticate")


def test_error_shape_403_without_permission(world, client_for, monkeypatch):
    from core import permissions

    monkeypatch.setitem(permissions.PERMISSIONS, "catalog.manage", set())
    _error(client_for(world.public, "group_admin").get("/api/v1/catalog/settings/"), 403, "permission_denied")


def test_error_shape_404_unknown_route_and_non_member(world, client_for):
    _error(client_for(world.alpha, "cs_staff").get("/api/v1/no-such-thing/"), 404, "not_found")
    _error(client_for(world.alpha, "cs_staff", user_of=world.beta).get("/api/v1/me/"), 404, "not_found")


def test_error_shape_405(world, client_for):
    client = client_for(world.public, "group_admin")
    _error(client.put("/api/v1/catalog/settings/", {}, content_type="application/json"), 405,
           "method_not_allowed")


class _Refuses(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def post(self, request):
        raise NotAllowedNow("已结案的投诉不能再回复。", code="complaint_closed")


def test_error_shape_409_from_service():
    response = _Refuses.as_view()(APIRequestFactory().post("/api/v1/x/"))
    response.render()
    assert response.status_code == 409
    assert response.data == {"error": {"code": "complaint_closed", "message": "已结案的投诉不能再回复。",
                                       "fields": {}}}


def test_me_on_each_host(world, client_for):
    assert client_for(world.alpha, "cs_staff").get("/api/v1/me/").json()["tenant"] == "alpha"
    assert client_for(world.public, "group_admin").get("/api/v1/me/").json()["role"] == "group_admin"
