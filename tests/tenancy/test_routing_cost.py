"""Tenant routing costs at most one SQL statement per request (DESIGN.md trap: a domain query and a
`SET search_path` on every request): the host lookup is served from the cached map and the
search_path is set only when the connection changes tenant. Measured against the same views with a
fixed tenant instead of routing (tests/tenancy/probe.py), counting at the driver."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tenants.routing import clear_local, tenant_for_host
from tests.tenancy.probe import CONST_PATH, ROW_PATH, plain_settings, routed_settings
from tests.tenancy.statements import driver_statements, is_search_path

pytestmark = pytest.mark.django_db


def _client(world, host: str) -> Client:
    client = Client(HTTP_HOST=host)
    client.force_login(world.users[(host.split(".")[0].replace("alias-", ""), "cs_staff")])
    return client


def _statements(client, path: str) -> list[str]:
    with driver_statements() as seen:
        assert client.get(path).status_code == 200
    return seen


def _plain_count(world, path: str) -> int:
    with override_settings(**plain_settings(settings)):
        client = _client(world, "alpha.localhost")
        client.get(path)  # warm: connection already on the schema, as in a single-tenant app
        return len(_statements(client, path))


@pytest.mark.parametrize("path", [CONST_PATH, ROW_PATH])
def test_routing_adds_at_most_the_search_path_when_switching_tenant(world, path):
    plain = _plain_count(world, path)
    with override_settings(**routed_settings(settings)):
        alpha, beta = _client(world, "alpha.localhost"), _client(world, "beta.localhost")
        assert beta.get("/").status_code == 200  # the connection now serves beta
        seen = _statements(alpha, path)
    assert len(seen) <= plain + 1, seen
    assert [s for s in seen if is_search_path(s)] == ['SET search_path = "alpha","public"']
    assert not [s for s in seen if "tenants_domain" in s]  # host lookup from the cached map


@pytest.mark.parametrize("path", [CONST_PATH, ROW_PATH])
def test_routing_adds_nothing_while_the_connection_stays_on_the_tenant(world, path):
    plain = _plain_count(world, path)
    with override_settings(**routed_settings(settings)):
        client = _client(world, "alpha.localhost")
        client.get(path)
        seen = _statements(client, path)
    assert len(seen) == plain, seen
    assert not [s for s in seen if is_search_path(s)]


def test_capture_queries_misses_the_search_path_but_the_driver_count_has_it(world):
    with override_settings(**routed_settings(settings)):
        assert _client(world, "beta.localhost").get("/").status_code == 200
        client = _client(world, "alpha.localhost")
        from django.db import connection

        with CaptureQueriesContext(connection) as captured, driver_statements() as seen:
            client.get(ROW_PATH)
    assert any(is_search_path(s) for s in seen)
    assert len(seen) >= len(captured)


def test_new_domain_answers_at_once_in_this_process(world, django_capture_on_commit_callbacks):
    from tenants.models import Domain
    from tenants.routing import _raw_get_version
    from tenants.services import office_create

    assert tenant_for_host("alpha.localhost") == world.alpha  # the map is loaded
    before = _raw_get_version()
    with django_capture_on_commit_callbacks(execute=True):
        tenant = office_create(slug="route-new", name="新管理处", kind="residential")
    assert _raw_get_version() != before  # other processes reload on their next check
    assert tenant_for_host("route-new.localhost") == tenant
    Domain.objects.create(domain="alias-alpha.localhost", tenant=world.alpha, is_primary=False)
    client = _client(world, "alias-alpha.localhost")
    assert client.get("/").status_code == 200


def test_cached_map_serves_hosts_without_sql(world):
    clear_local()
    tenant_for_host("alpha.localhost")
    with driver_statements() as seen:
        assert tenant_for_host("beta.localhost") == world.beta
        assert tenant_for_host("nobody.localhost") is None
    assert seen == []
