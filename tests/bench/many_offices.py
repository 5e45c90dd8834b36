"""Hundreds of real offices for the memory bench (issue 8 goal 6), built in seconds, not minutes.

One source office is created the ordinary way (`office_create`) and given a little work through the
services (complaints, a contact turned into a work order, some of it overdue). Its schema, with its rows,
is dumped once with `pg_dump` and the dump is replayed under each new office's schema name; the tenant
rows, domains, one member per office and their sessions and API tokens are bulk-created. Cloning each
office through `office_create` instead would take 0.5–9 s per office as the catalogue grows (issue 8).

Everything is committed (the servers and workers under test read it); `drop_offices` removes it again,
so the benches that run after this one see the test world as before."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.bench.servers import database_url

SOURCE_SLUG = "membenchsrc"
ROLE = "cs_supervisor"  # reads every office page and list the bench asks for, and is told of overdue work


@dataclass
class Office:
    slug: str
    host: str
    cookie: str = ""
    token: str = ""
    complaint_ids: list[int] = field(default_factory=list)
    workorder_ids: list[int] = field(default_factory=list)


def _pg_bin(name: str) -> str:
    import pgserver

    found = next(Path(pgserver.__file__).parent.glob(f"pginstall/bin/{name}"), None)
    return str(found) if found else name  # an external server: its tools on PATH


def _source_office(owner):
    """The office every other is copied from, with open, due-soon and overdue work in it."""
    from modules.complaints.models import Complaint
    from modules.complaints.services import complaint_register
    from modules.frontdesk.models import WorkOrder
    from modules.frontdesk.services import ContactInput, contact_register
    from tenants.services import membership_grant, office_create

    office = office_create(slug=SOURCE_SLUG, name="基准源管理处", kind="residential")
    membership_grant(user=owner, tenant=office, role=ROLE)
    with schema_context(office.schema_name):
        for n in range(6):
            complaint_register(user=owner, channel="phone", content=f"内存基准投诉{n}：楼道灯不亮",
                               complainant_name="基准", complainant_phone="13800138000", category="facilities")
        for n in range(3):
            contact_register(user=owner, data=ContactInput(
                channel="phone", name="基准", phone="13900139000", request=f"内存基准报修{n}：水管漏水",
                request_type="repair", outcome="workorder", unit="3栋-1201", department="engineering"))
        past = timezone.now() - timedelta(days=10)
        Complaint.objects.filter(pk__in=list(Complaint.objects.values_list("pk", flat=True)[:4])).update(due_at=past)
        WorkOrder.objects.filter(pk__in=list(WorkOrder.objects.values_list("pk", flat=True)[:2])).update(due_at=past)
        ids = (list(Complaint.objects.values_list("pk", flat=True)), list(WorkOrder.objects.values_list("pk", flat=True)))
    return office, ids


def _dump(schema: str) -> str:
    """The schema's DDL and rows as plain SQL (INSERTs, so it replays through one cursor)."""
    result = subprocess.run(
        [_pg_bin("pg_dump"), "--dbname", database_url(), "--schema", schema, "--no-owner", "--no-privileges",
         "--no-comments", "--inserts", "--rows-per-insert=500"], capture_output=True, text=True, check=True)
    lines = [line for line in result.stdout.splitlines()
             if not line.startswith(("SET ", "SELECT pg_catalog.set_config", "\\"))]
    return "\n".join(lines)


def build_offices(n: int, *, prefix: str = "mem") -> list[Office]:
    """`n` offices, each a copy of the source office, with one logged-in member (session and token)."""
    from rest_framework.authtoken.models import Token

    from tenants.models import Domain, Membership, Tenant, User
    from tenants.routing import clear_local

    owner, _ = User.objects.get_or_create(username=f"{prefix}-owner", defaults={"email": "owner@example.com"})
    source, (complaint_ids, workorder_ids) = _source_office(owner)
    dump = _dump(source.schema_name)
    pattern = re.compile(rf"\b{re.escape(source.schema_name)}\b")
    tenants = Tenant.objects.bulk_create([
        Tenant(schema_name=f"{prefix}_{i}", slug=f"{prefix}-{i}", name=f"内存基准管理处{i:04d}",
               type=Tenant.OFFICE, kind="residential") for i in range(n)])
    with connection.cursor() as cursor:
        for tenant in tenants:
            cursor.execute(pattern.sub(tenant.schema_name, dump))
    Domain.objects.bulk_create([Domain(tenant=t, domain=f"{t.slug}.{settings.BASE_DOMAIN}", is_primary=True)
                                for t in tenants])
    users = User.objects.bulk_create([User(username=f"{t.slug}-staff", email=f"{t.slug}@example.com")
                                      for t in tenants])
    Membership.objects.bulk_create([Membership(user=u, tenant=t, role=ROLE) for u, t in zip(users, tenants, strict=True)])
    Membership.objects.bulk_create([Membership(user=owner, tenant=t, role="office_director") for t in tenants])
    tokens = Token.objects.bulk_create([Token(user=u, key=Token.generate_key()) for u in users])
    clear_local()
    offices = []
    for tenant, user, token in zip(tenants, users, tokens, strict=True):
        host = f"{tenant.slug}.{settings.BASE_DOMAIN}"
        client = Client(HTTP_HOST=host)
        client.force_login(user)
        offices.append(Office(slug=tenant.slug, host=host, cookie=f"sessionid={client.cookies['sessionid'].value}",
                              token=token.key, complaint_ids=complaint_ids, workorder_ids=workorder_ids))
    return offices


def drop_offices(*, prefix: str = "mem") -> None:
    """Remove what `build_offices` made: schemas, tenant rows (with domains and memberships), users."""
    from tenants.models import Tenant, User
    from tenants.routing import clear_local

    tenants = Tenant.objects.filter(slug__startswith=f"{prefix}-") | Tenant.objects.filter(slug=SOURCE_SLUG)
    with connection.cursor() as cursor:
        for schema in tenants.values_list("schema_name", flat=True):
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    for tenant in tenants:
        tenant.domains.all().delete()
    Tenant.objects.filter(pk__in=[t.pk for t in tenants]).delete()
    User.objects.filter(username__startswith=f"{prefix}-").delete()
    clear_local()
