"""Test tenants are created once per session (DESIGN.md convention 9) on real PostgreSQL and Redis:
the public row, the head office and two offices, `alpha` and `beta`, with one user per role."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from core.permissions import GROUP_ADMIN, HQ_ROLES, OFFICE_ROLES

OFFICE_SLUGS = ("alpha", "beta")


def _make_world():
    from tenants.models import Tenant, User
    from tenants.routing import clear_local
    from tenants.services import hq_create, membership_grant, office_create, public_tenant_ensure

    public = public_tenant_ensure()
    hq = Tenant.objects.filter(type=Tenant.HQ).first() or hq_create()
    offices = {}
    for slug in OFFICE_SLUGS:
        offices[slug] = Tenant.objects.filter(slug=slug).first() or office_create(
            slug=slug, name=f"测试{slug}管理处", kind="residential")
    users = {}

    def person(tenant, role):
        user, _ = User.objects.get_or_create(username=f"{tenant.slug}_{role}",
                                             defaults={"email": f"{tenant.slug}_{role}@example.com"})
        membership_grant(user=user, tenant=tenant, role=role)
        users[(tenant.slug, role)] = user

    person(public, GROUP_ADMIN)
    for role in HQ_ROLES:
        person(hq, role)
    for office in offices.values():
        for role in OFFICE_ROLES:
            person(office, role)
    clear_local()
    return SimpleNamespace(public=public, hq=hq, alpha=offices["alpha"], beta=offices["beta"], users=users)


@pytest.fixture(scope="session")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _make_world()


def host_of(tenant) -> str:
    from django.conf import settings

    return settings.BASE_DOMAIN if tenant.schema_name == "public" else f"{tenant.slug}.{settings.BASE_DOMAIN}"


@pytest.fixture
def client_for(world, db):
    """client_for(tenant, role) → a Django test client logged in as that role, on that tenant's host.
    client_for(tenant, role, user_of=other) → logged in as `other`'s user of that role instead."""

    def make(tenant, role=None, user_of=None):
        client = Client(HTTP_HOST=host_of(tenant))
        if role is not None:
            owner = user_of or tenant
            client.force_login(world.users[(owner.slug, role)])
        return client

    return make


@pytest.fixture(autouse=True)
def _public_schema_first():
    """Each test starts in the public schema, whatever the previous request switched to."""
    from django.db import connection

    connection.set_schema_to_public()
    yield
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _no_remembered_outage():
    """A Redis outage remembered by one test (core.outage back-offs) never skips Redis in the next."""
    from core import outage

    outage.reset_all()
    yield
    outage.reset_all()


@pytest.fixture(params=["refused", "paused"])
def redis_down(request, settings, tmp_path):
    """The cache and the broker point at a Redis that refuses connections, then at one that accepts
    and never answers (paused); the param names which (issue 7 §1.1)."""
    from tests.core.broker import redis_fault

    with redis_fault(request.param, settings, tmp_path):
        yield request.param


@pytest.fixture
def in_tenant():
    """with in_tenant(world.alpha): ... — run ORM code in that tenant's schema."""
    return lambda tenant: schema_context(tenant.schema_name)


def pytest_configure(config):
    config.addinivalue_line("markers", "live_processes: commits data for real subprocesses; runs last")


def pytest_collection_modifyitems(config, items):
    # tests that commit data for real processes (the worker test, the browser tests through a live
    # server) run after everything else
    items.sort(key=lambda item: "tests/e2e/" in str(item.fspath) or item.get_closest_marker("live_processes") is not None)
