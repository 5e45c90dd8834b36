"""A fresh deployment gets its apex and head-office tenants and a first group administrator (R-03)."""

import pytest
from django.core.management import CommandError, call_command

from tenants.models import Domain, Membership, Tenant, User
from tenants.services import group_bootstrap

pytestmark = pytest.mark.django_db


def test_bootstrap_is_idempotent_and_grants_the_admin_R03(world, monkeypatch):
    monkeypatch.setenv("BOOTSTRAP_ADMIN_PASSWORD", "a-Long-pass-4321")
    before = Tenant.objects.count()
    call_command("tenants_bootstrap", "--admin", "root-admin", "--email", "root@example.com")
    call_command("tenants_bootstrap", "--admin", "root-admin")
    assert Tenant.objects.count() == before  # public and hq existed already in the test world
    assert Domain.objects.filter(domain="localhost", tenant=world.public).exists()
    user = User.objects.get(username="root-admin")
    assert user.check_password("a-Long-pass-4321")
    assert Membership.objects.get(user=user, tenant=world.public).role == "group_admin"


def test_bootstrap_creates_the_head_office_of_a_fresh_deployment(world):
    from django.db import connection

    Tenant.objects.get(type=Tenant.HQ).delete()  # rolled back with the test, schema renamed too
    with connection.cursor() as cursor:
        cursor.execute('ALTER SCHEMA "hq" RENAME TO "hq_before_test"')
    group_bootstrap()
    hq = Tenant.objects.get(type=Tenant.HQ)
    assert Domain.objects.get(tenant=hq).domain == "hq.localhost"
    group_bootstrap()
    assert Tenant.objects.filter(type=Tenant.HQ).count() == 1


def test_bootstrap_new_admin_needs_a_password(world, monkeypatch):
    monkeypatch.delenv("BOOTSTRAP_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError):
        call_command("tenants_bootstrap", "--admin", "no-password")
    assert not User.objects.filter(username="no-password").exists()
