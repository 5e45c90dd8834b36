"""R-04 on every route: a user of another tenant gets 404 on each page and API route of a host, by
session or by token. The routes are read from the resolver when the tests run, so routes added later
are covered too; only the deliberately open prefixes are skipped, and that list is pinned here."""

import pytest
from django.urls import Resolver404, resolve
from rest_framework.authtoken.models import Token

from tenants.middleware import OPEN_PREFIXES
from tests.tenancy.routes import route_paths

pytestmark = pytest.mark.django_db

OFFICE_URLS, HQ_URLS = "core.urls.office", "core.urls.hq"


def _guarded(urlconf: str) -> list[str]:
    paths = [p for p in route_paths(urlconf) if not p.startswith(OPEN_PREFIXES)]
    for path in paths:
        resolve(path, urlconf=urlconf)  # the built path really is the pattern's (raises if not)
    return paths


def _not_404(client, paths, **extra) -> list[tuple]:
    leaks = []
    for path in paths:
        for method in (client.get, client.post):
            response = method(path, **extra)
            if response.status_code != 404:
                leaks.append((method.__name__, path, response.status_code))
    return leaks


def test_open_prefixes_are_exactly_the_deliberate_ones_R04():
    assert OPEN_PREFIXES == (
        "/accounts/", "/static/", "/healthz", "/i18n/", "/public/", "/api/schema/", "/api/docs/",
    )


def test_route_walk_finds_pages_and_api_routes():
    office = route_paths(OFFICE_URLS)
    assert {"/", "/residents/", "/residents/1/", "/api/v1/me/", "/accounts/login/"} <= set(office)
    assert "/files/6f1c2a4e-8d3b-4c5a-9e7f-0123456789ab/" in office
    assert "/api/v1/me/" in route_paths(HQ_URLS)


def test_every_office_route_is_404_for_another_offices_user_R04(client_for, world):
    client = client_for(world.alpha, "office_director", user_of=world.beta)
    assert _not_404(client, _guarded(OFFICE_URLS)) == []


def test_every_hq_route_is_404_for_an_office_user_R04(client_for, world):
    client = client_for(world.hq, "office_director", user_of=world.alpha)
    assert _not_404(client, _guarded(HQ_URLS)) == []


@pytest.mark.parametrize("owner", ["beta", "hq"])
def test_every_office_api_route_is_404_for_a_token_of_another_tenant_R04(client_for, world, owner):
    role = "office_director" if owner == "beta" else "hq_gm"
    token, _ = Token.objects.get_or_create(user=world.users[(owner, role)])
    api_paths = [p for p in _guarded(OFFICE_URLS) if p.startswith("/api/")]
    assert "/api/v1/me/" in api_paths
    leaks = _not_404(client_for(world.alpha), api_paths, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert leaks == []


def test_every_hq_api_route_is_404_for_a_token_of_an_office_R04(client_for, world):
    token, _ = Token.objects.get_or_create(user=world.users[("alpha", "office_director")])
    api_paths = [p for p in _guarded(HQ_URLS) if p.startswith("/api/")]
    leaks = _not_404(client_for(world.hq), api_paths, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert leaks == []


def test_hq_inbox_does_not_resolve_on_an_office_host(client_for, world):
    center = {"/center/", "/center/x/"} | {p for p in route_paths(HQ_URLS) if p.startswith("/center/")}
    client = client_for(world.alpha, "office_director")
    for path in sorted(center):
        with pytest.raises(Resolver404):
            resolve(path, urlconf=OFFICE_URLS)
        assert client.get(path).status_code == 404, path
        assert client.post(path).status_code == 404, path


@pytest.mark.parametrize("regex", [r"^api/(?P<pk>[0-9]+)/$", r"^x/(?P<slug>[-a-z]+)/(?:edit|view)/$",
                                   r"^y/(?P<pk>[^/.]+)(?P<format>\.[a-z0-9]+/?)?\Z", r"^z\.json$"])
def test_route_walk_builds_paths_for_regex_routes_too(regex):
    import re

    from django.urls import re_path

    from tests.tenancy.routes import _fill_regex

    assert re.search(regex, _fill_regex(re_path(regex, lambda request: None).pattern))
