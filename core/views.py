"""Shell views: home per tenant type, health, notifications."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.errors import NotFound
from core.notifications.selectors import notifications_for
from core.notifications.services import notification_mark_read
from core.workbench import workbench_for


@login_required
def home(request):
    """The workbench 工作台 of the person's role on this host: the cards modules registered
    (core/workbench.py), each number a link to the filtered list behind it."""
    template = {"office": "core/home_office.html", "hq": "core/home_hq.html"}.get(
        request.tenant.type, "core/home_public.html"
    )
    return render(request, template, {"cards": workbench_for(request)})


@never_cache
def healthz(request):
    """Database and Redis status: 200 when both answer, else 503."""
    checks = {"database": _check_database(), "redis": _check_redis()}
    ok = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if ok else "degraded", **checks}, status=200 if ok else 503)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # report, don't raise: this is the health page
        return f"error: {exc.__class__.__name__}"


def _check_redis() -> str:
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return "ok"
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"


@login_required
def notification_list(request):
    items = notifications_for(user=request.user, tenant=request.tenant, limit=200)
    return render(request, "core/notifications.html", {"items": items})


@login_required
@require_POST
def notification_read(request, pk: int):
    """Issue 7 §2.8: scoped to the host's tenant and the user; any other id is 404 (R-04)."""
    try:
        notification_mark_read(user=request.user, tenant=request.tenant, notification_id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return redirect("notifications")
