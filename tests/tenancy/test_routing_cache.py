"""The cached host → tenant map (tenants/routing.py): reloads when another process bumps the version,
survives Redis being down without a query per request, and catches up a lost bump by age."""

import time
from types import SimpleNamespace

import pytest
from django.conf import settings

from tenants import routing
from tenants.models import Domain
from tenants.routing import tenant_for_host
from tests.tenancy.statements import driver_statements

pytestmark = pytest.mark.django_db


class _BrokenRedis:
    """Stands in for caches["default"]: every command fails as with a dead Redis."""

    calls = 0

    class _cache:  # noqa: N801 - mimics django's RedisCache._cache
        @staticmethod
        def get_client(*args, **kwargs):
            return _BrokenRedis

    @staticmethod
    def get(key):
        _BrokenRedis.calls += 1
        raise ConnectionError("redis is down")

    incr = get


def _lost_bump_domain(world, name: str) -> None:
    """A Domain row whose signal never ran (as if the bump was lost): bulk_create sends none."""
    Domain.objects.bulk_create([Domain(domain=name, tenant=world.alpha, is_primary=False)])


def test_bump_by_another_process_reloads_the_map(world):
    assert tenant_for_host("alpha.localhost") == world.alpha
    _lost_bump_domain(world, "other-process.localhost")
    assert tenant_for_host("other-process.localhost") is None  # version unchanged: map kept
    client = routing._shared_cache()._cache.get_client(routing._VERSION_KEY, write=True)
    client.incr(f"{settings.CACHES['default']['KEY_PREFIX']}:{routing._VERSION_KEY}")
    routing._state["checked_at"] = 0.0  # the next re-check is due
    assert tenant_for_host("other-process.localhost") == world.alpha


def test_redis_down_serves_from_memory_and_backs_off(world, monkeypatch):
    assert tenant_for_host("beta.localhost") == world.beta
    _BrokenRedis.calls = 0
    monkeypatch.setattr(routing, "_shared_cache", lambda: _BrokenRedis)
    clock = [time.monotonic()]
    monkeypatch.setattr(routing, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    routing._state["checked_at"] = 0.0
    with driver_statements() as seen:
        for _ in range(5):  # five seconds of requests, one a second
            assert tenant_for_host("beta.localhost") == world.beta
            clock[0] += 1.0
    assert seen == []  # no query per request while Redis is down
    assert _BrokenRedis.calls == 1  # not retried before ROUTING_REDIS_BACKOFF_SECONDS


def test_map_older_than_max_age_is_reloaded_without_redis(world, monkeypatch):
    assert tenant_for_host("alpha.localhost") == world.alpha
    _lost_bump_domain(world, "lost-bump.localhost")
    monkeypatch.setattr(routing, "_shared_cache", lambda: _BrokenRedis)
    routing._state.update(checked_at=0.0, loaded_at=time.monotonic() - 301)
    assert tenant_for_host("lost-bump.localhost") == world.alpha
