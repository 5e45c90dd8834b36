"""The domain → tenant lookup, cached (DESIGN.md trap: a domain query on every request).

Each process keeps the map in memory and checks a version number in Redis (one GET, no SQL) at most
every ROUTING_RECHECK_SECONDS (1 s); saving or deleting a Tenant or Domain bumps the version on
commit, so every process reloads on its next check after that. While Redis is unreachable the map is
served from memory, Redis is retried every ROUTING_REDIS_BACKOFF_SECONDS (10 s) rather than on every
check, and the map is reloaded anyway once it is ROUTING_MAX_AGE_SECONDS (300 s) old, so a bump lost
during the outage is caught up."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.cache import caches

_VERSION_KEY = "tenants:routing-version"
_lock = threading.Lock()
_state: dict = {"version": None, "checked_at": 0.0, "loaded_at": 0.0, "tenants": {}}


def _shared_cache():
    return caches["default"]


_UNREACHABLE = object()


def _raw_get_version():
    # the version key is global, not per schema: bypass django-tenants' schema-prefixed key function
    try:
        client = _shared_cache()._cache.get_client(_VERSION_KEY, write=False)
        return client.get(f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:{_VERSION_KEY}")
    except Exception:  # Redis down: serve from memory (tenant_for_host backs off and ages the map)
        return _UNREACHABLE


def bump_routing_version() -> None:
    try:
        client = _shared_cache()._cache.get_client(_VERSION_KEY, write=True)
        client.incr(f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:{_VERSION_KEY}")
    except Exception:
        pass
    clear_local()


def clear_local() -> None:
    with _lock:
        _state.update(version=None, checked_at=0.0, loaded_at=0.0, tenants={})


def _load_map() -> dict:
    from tenants.models import Domain

    return {d.domain: d.tenant for d in Domain.objects.select_related("tenant")}


def _is_stale(now: float) -> bool:
    if not _state["tenants"]:
        return True
    if now - _state["loaded_at"] >= getattr(settings, "ROUTING_MAX_AGE_SECONDS", 300.0):
        return True  # a bump lost while Redis was down is caught up here
    version = _raw_get_version()
    if version is _UNREACHABLE:
        _state["checked_at"] = now + getattr(settings, "ROUTING_REDIS_BACKOFF_SECONDS", 10.0)
        return False
    return version != _state["version"]


def tenant_for_host(hostname: str):
    """The Tenant for `hostname`, or None. No SQL while the cached map is current."""
    now = time.monotonic()
    if now - _state["checked_at"] >= getattr(settings, "ROUTING_RECHECK_SECONDS", 1.0) or not _state["tenants"]:
        if _is_stale(now):
            version = _raw_get_version()
            tenants = _load_map()
            with _lock:
                _state.update(version=None if version is _UNREACHABLE else version, tenants=tenants,
                              loaded_at=now)
        _state["checked_at"] = max(_state["checked_at"], now)
    return _state["tenants"].get(hostname)
