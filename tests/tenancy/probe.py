"""Probe views for measuring the cost of tenant routing (tests/tenancy/test_routing_cost.py and
tests/bench/): settings that serve the probe URLconf (tests/tenancy/probe_urls.py: the office URLconf
plus a view that touches no database and one that reads one row of the office schema), with the real
routing or with a middleware that stands in for routing with one fixed tenant. Importable from a
settings module: nothing here loads a model at import time."""

from __future__ import annotations

from django.db import connection

CONST_PATH, ROW_PATH = "/probe/const/", "/probe/row/"
ROUTED_MIDDLEWARE = "tenants.middleware.CachedTenantMiddleware"
FIXED_MIDDLEWARE = "tests.tenancy.probe.FixedTenantMiddleware"


class FixedTenantMiddleware:
    """No routing: every request belongs to `FixedTenantMiddleware.slug`'s tenant, like a single-tenant
    app whose connection is set to its schema once."""

    slug = "alpha"
    _tenant = None

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if FixedTenantMiddleware._tenant is None:
            from tenants.models import Tenant

            FixedTenantMiddleware._tenant = Tenant.objects.get(slug=self.slug)
        request.tenant = tenant = FixedTenantMiddleware._tenant
        if connection.schema_name != tenant.schema_name:
            connection.set_tenant(tenant)
        return self.get_response(request)


def routed_settings(settings) -> dict:
    """Overrides that keep the real routing but serve the probe URLconf on office hosts."""
    types = {name: dict(cfg) for name, cfg in settings.TENANT_TYPES.items()}
    types["office"]["URLCONF"] = "tests.tenancy.probe_urls"
    return {"TENANT_TYPES": types}


def plain_settings(settings) -> dict:
    """Overrides that replace routing by the fixed tenant, same URLconf and every other middleware."""
    middleware = [FIXED_MIDDLEWARE if m == ROUTED_MIDDLEWARE else m for m in settings.MIDDLEWARE]
    return {"MIDDLEWARE": middleware, "ROOT_URLCONF": "tests.tenancy.probe_urls"}
