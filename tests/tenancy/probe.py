"""Probe views for measuring the cost of tenant routing (tests/tenancy/test_routing_cost.py and
tests/bench/): the office URLconf plus a view that touches no database and one that reads one row of
the office schema, and a middleware that stands in for routing with one fixed tenant."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse, JsonResponse
from django.urls import path

from core.urls.office import urlpatterns as office_urlpatterns

CONST_PATH, ROW_PATH = "/probe/const/", "/probe/row/"
ROUTED_MIDDLEWARE = "tenants.middleware.CachedTenantMiddleware"
FIXED_MIDDLEWARE = "tests.tenancy.probe.FixedTenantMiddleware"


def const_view(request):
    return HttpResponse("pong")


def row_view(request):
    row = MigrationRecorder.Migration.objects.order_by("id").values("app", "name").first()
    return JsonResponse(row)


urlpatterns = [
    path(CONST_PATH.strip("/") + "/", const_view),
    path(ROW_PATH.strip("/") + "/", row_view),
    *office_urlpatterns,
]


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
    types["office"]["URLCONF"] = "tests.tenancy.probe"
    return {"TENANT_TYPES": types}


def plain_settings(settings) -> dict:
    """Overrides that replace routing by the fixed tenant, same URLconf and every other middleware."""
    middleware = [FIXED_MIDDLEWARE if m == ROUTED_MIDDLEWARE else m for m in settings.MIDDLEWARE]
    return {"MIDDLEWARE": middleware, "ROOT_URLCONF": "tests.tenancy.probe"}
