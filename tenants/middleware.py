"""Request routing and the membership gate (DESIGN.md "Tenancy").

CachedTenantMiddleware: django-tenants' routing with the domain lookup served from memory.
MembershipMiddleware: on an office or hq host, a logged-in user with no membership there gets 404 on
every route; the API repeats the check for token users (api/permissions.py)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.routing import tenant_for_host

# routes anyone may reach on a tenant host (login page, residents' public pages, health, assets)
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/public/", "/api/schema/", "/api/docs/")


class CachedTenantMiddleware(TenantMainMiddleware):
    def get_tenant(self, domain_model, hostname):
        tenant = tenant_for_host(hostname)
        if tenant is None:
            raise domain_model.DoesNotExist(hostname)
        return tenant


def membership_for(request):
    """The active Membership of request.user in request.tenant, memoised on the request."""
    if not hasattr(request, "_membership"):
        from tenants.selectors import membership_get

        request._membership = membership_get(user=request.user, tenant=request.tenant)
    return request._membership


class MembershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = getattr(request, "tenant", None)
        if tenant is None or request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated:
            request.membership = membership_for(request)
            if request.membership is None:
                raise Http404("no such page")
        else:
            request.membership = None
            if not request.path.startswith("/api/"):
                return redirect(f"{settings.LOGIN_URL}?next={request.path}")
        return self.get_response(request)
