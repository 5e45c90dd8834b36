"""The product's own error pages (issue 9 §3.13): 400, 403 (and the CSRF failure), 404 and 500 in the
product's style and the reader's language, with DEBUG off, on every host type; under /api/ the API's
one error shape. Before: production showed Django's plain English pages."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import get_resolver

from tests.conftest import host_of

pytestmark = pytest.mark.django_db
HOSTS = [("alpha", "cs_staff"), ("hq", "hq_agent"), ("public", "group_admin")]


@pytest.fixture(autouse=True)
def _production_like(settings):
    settings.DEBUG = False


def _styled(response, status: int, *texts: str) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "/static/core/app.css" in html and 'class="card error-card"' in html and 'href="/"' in html
    assert "<script" not in html  # nothing the Content-Security-Policy would block
    for text in texts:
        assert text in html, text
    return html


@pytest.mark.parametrize("tenant, role", HOSTS)
def test_unknown_page_is_the_products_404_on_every_host(world, client_for, tenant, role):
    html = _styled(client_for(getattr(world, tenant), role).get("/no/such/page/"), 404, "页面不存在")
    assert "Not Found" not in html


@pytest.mark.parametrize("tenant, role", HOSTS)
def test_404_page_in_english_with_the_language_cookie(world, client_for, tenant, role):
    client = client_for(getattr(world, tenant), role)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _styled(client.get("/no/such/page/"), 404, "Page not found", "Back to the home page")
    assert '<html lang="en">' in html and "页面不存在" not in html


def test_membership_gate_404_is_the_products_page_R04(world, client_for):
    _styled(client_for(world.beta, "cs_staff", user_of=world.alpha).get("/complaints/"), 404, "页面不存在")


def test_api_404_keeps_the_json_error_shape(world, client_for):
    response = client_for(world.alpha, "cs_staff").get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("tenant, role", HOSTS)
def test_csrf_failure_is_a_page_that_says_what_to_do(world, tenant, role):
    client = Client(HTTP_HOST=host_of(getattr(world, tenant)), enforce_csrf_checks=True)
    client.force_login(world.users[(getattr(world, tenant).slug, role)])
    _styled(client.post("/accounts/logout/"), 403, "表单已过期", "请刷新页面")


@pytest.mark.parametrize("tenant, role", HOSTS)
def test_server_error_is_the_products_500_without_touching_the_database(world, tenant, role, monkeypatch,
                                                                        django_assert_max_num_queries):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("core.views.notifications_for", broken)
    client = Client(HTTP_HOST=host_of(getattr(world, tenant)), raise_request_exception=False)
    client.force_login(world.users[(getattr(world, tenant).slug, role)])
    html = _styled(client.get("/notifications/"), 500, "系统出错了")
    assert "boom" not in html and "Traceback" not in html


def test_null_byte_400_is_the_products_page(world, client_for):
    html = _styled(client_for(world.alpha, "cs_staff").get("/complaints/", {"q": "a\x00b"}), 400, "请求无效")
    assert "\\x00" in html  # the reason is named


@pytest.mark.parametrize("urlconf", ["core.urls.office", "core.urls.hq", "core.urls.public"])
def test_every_host_type_names_the_products_handlers(urlconf):
    resolver = get_resolver(urlconf)
    for status in (400, 403, 404, 500):
        assert resolver.resolve_error_handler(status).__module__ == "core.errorpages"


def test_csrf_failure_view_is_ours(settings):
    assert settings.CSRF_FAILURE_VIEW == "core.errorpages.csrf_failure"
