"""The domain → tenant lookup, cached (DESIGN.md trap: a domain query on every request).

Each process keeps the map in memory and checks a version number in Redis (one GET, no SQL) at most
every ROUTING_RECHECK_SECONDS; saving or deleting a Tenant or Domain bumps the version, so every
process reloads on its next request after that."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.cache import caches

_VERSION_KEY = "tenants:routing-version"
_lock = threading.Lock()
_state: dict = {"version": None, "checked_at": 0.0, "tenants": {}}


def _shared_cache():
    return caches["default"]


def _raw_get_version():
    # the version key is global, not per schema: bypass django-tenants' schema-prefixed key function
    client = _shared_cache()._cache.get_client(_VERSION_KEY, write=False)
    try:
        return client.get(f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:{_VERSION_KEY}")
    except Exception:  # Redis down: serve from memory, re-check next time
        return _state["version"]


def bump_routing_version() -> None:
    client = _shared_cache()._cache.get_client(_VERSION_KEY, write=True)
    try:
        client.incr(f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:{_VERSION_KEY}")
    except Exception:
        pass
    clear_local()


def clear_local() -> None:
    with _lock:
        _state.update(version=None, checked_at=0.0, tenants={})


def _load_map() -> dict:
    from tenants.models import Domain

    return {d.domain: d.tenant for d in Domain.objects.select_related("tenant")}


def tenant_for_host(hostname: str):
    """The Tenant for `hostname`, or None. No SQL while the cached map is current."""
    now = time.monotonic()
    recheck = getattr(settings, "ROUTING_RECHECK_SECONDS", 1.0)
    if now - _state["checked_at"] >= recheck or not _state["tenants"]:
        version = _raw_get_version()
        if version != _state["version"] or not _state["tenants"]:
            tenants = _load_map()
            with _lock:
                _state.update(version=version, tenants=tenants)
        _state["checked_at"] = now
    return _state["tenants"].get(hostname)
