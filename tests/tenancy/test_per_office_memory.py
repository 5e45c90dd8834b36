"""Issue 8 goal 6: what a web process keeps does not grow with the number of offices it serves. django-tenants
gives each tenant *type* its URLconf, so the URL resolvers a process caches are one per type, however many
office hosts it answers; the routing map holds one entry per domain. The whole worker's memory over 300
offices is measured by the memory bench (tests/bench/test_bench_memory.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls.resolvers import _get_cached_resolver

from tenants import routing
from tests.tenancy.office_rows import office_rows

pytestmark = pytest.mark.django_db


def _serve(offices) -> None:
    from django.conf import settings

    for office in offices:
        response = Client(HTTP_HOST=f"{office.slug}.{settings.BASE_DOMAIN}").get("/healthz")
        assert response.status_code == 200


def test_url_resolvers_are_cached_per_tenant_type_not_per_office(world):
    offices = office_rows(40, prefix="memo")
    routing.clear_local()  # bulk-created rows: the map is reloaded with them
    try:
        _serve(offices[:2])
        resolvers = _get_cached_resolver.cache_info().currsize
        _serve(offices)
        assert _get_cached_resolver.cache_info().currsize == resolvers
        assert len(routing._state["tenants"]) == len(routing._load_map())  # one entry per domain, no more
    finally:
        routing.clear_local()  # the rows are rolled back with the test: forget them here too
