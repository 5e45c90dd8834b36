"""Request routing and the membership gate (DESIGN.md "Tenancy").

CachedTenantMiddleware: django-tenants' routing with the domain lookup served from memory.
MembershipMiddleware: on an office or hq host, a logged-in user with no membership there gets 404 on
every route; the API repeats the check for token users (api/permissions.py)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import Http404, HttpResponseNotFound
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.routing import tenant_for_host

# routes anyone may reach on a tenant host (login page, residents' public pages, health, assets)
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/public/", "/api/schema/", "/api/docs/")


class CachedTenantMiddleware(TenantMainMiddleware):
    """Host → tenant from the cached map (no SQL), then at most one `SET search_path` per request.

    django-tenants resets the connection to public and back on every request, so every request that
    touches the database re-issues `SET search_path`. Here the connection keeps its search_path when
    it already serves this tenant's schema (TENANT_LIMIT_SET_CALLS tracks what was set and forgets it
    on rollback or reconnect); switching tenant costs exactly one SET, issued by the first query."""

    def process_request(self, request):
        try:
            hostname = self.hostname_from_request(request)
        except DisallowedHost:
            return HttpResponseNotFound()
        tenant = tenant_for_host(hostname)
        if tenant is None:
            return self.no_tenant_found(request, hostname)
        tenant.domain_url = hostname  # for django_tenants.log.TenantContextFilter
        request.tenant = tenant
        if connection.schema_name == tenant.schema_name and connection.include_public_schema:
            connection.tenant = tenant
        else:
            connection.set_tenant(tenant)
        self.setup_url_routing(request)


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
                return redirect_to_login(request.get_full_path())  # `next` encoded, query kept
        return self.get_response(request)


# what a person who must change their password may still reach: the change-password page and API, log
# in/out, assets, the language switch (R-01..R-04)
PASSWORD_CHANGE_PATHS = ("/me/password/", "/api/v1/auth/", "/accounts/", "/static/", "/i18n/", "/healthz")


class PasswordChangeGate:
    """A session whose user logged in with a one-time password (`must_change_password`) reaches only the
    change-password page: every page redirects there, the API answers 403 `password_change_required`.
    Token users are held by the API's permission class the same way (api/permissions.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is None or not user.is_authenticated or not getattr(user, "must_change_password", False)
                or request.path.startswith(PASSWORD_CHANGE_PATHS) or request.path.startswith(OPEN_PREFIXES)):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            from django.http import JsonResponse

            from api.errors import error_body
            from api.permissions import PasswordChangeRequired

            return JsonResponse(error_body(PasswordChangeRequired.default_code,
                                           str(PasswordChangeRequired.default_detail)), status=403)
        from django.shortcuts import redirect
        from django.utils.http import urlencode

        return redirect(f"/me/password/?{urlencode({'next': request.get_full_path()})}")
