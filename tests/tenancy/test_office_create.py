"""Creating offices (issue #2 §3): one service, clone of the template, clear errors, nothing half-made."""

import pytest
from django.db import connection
from django_tenants.utils import schema_exists

from core.errors import ValidationFailed
from tenants.models import Domain, Tenant
from tenants.services import office_create

pytestmark = pytest.mark.django_db


def test_office_create_makes_tenant_schema_and_domain(world):
    tenant = office_create(slug="gamma-1", name="伽马管理处", kind="mixed")
    assert tenant.type == Tenant.OFFICE
    assert tenant.schema_name == "gamma_1"
    assert schema_exists("gamma_1")
    assert Domain.objects.get(tenant=tenant).domain == "gamma-1.localhost"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM gamma_1.django_migrations")
        assert cursor.fetchone()[0] > 0  # cloned with its migration records


@pytest.mark.parametrize("slug", ["Bad", "1abc", "a_b", "-ab", "ab-", "x" * 64, "", "有"])
def test_office_create_rejects_bad_slug(world, slug):
    with pytest.raises(ValidationFailed) as info:
        office_create(slug=slug, name="坏", kind="residential")
    assert "slug" in info.value.fields
    assert not Tenant.objects.filter(slug=slug).exists()


@pytest.mark.parametrize("slug", ["www", "hq", "api", "admin", "static", "media", "pg-catalog", "pg-x",
                                  "information-schema"])
def test_office_create_rejects_reserved_slug(world, slug):
    with pytest.raises(ValidationFailed) as info:
        office_create(slug=slug, name="保留", kind="residential")
    assert "slug" in info.value.fields


def test_office_create_rejects_duplicate_and_leaves_nothing(world):
    before = Tenant.objects.count()
    with pytest.raises(ValidationFailed):
        office_create(slug="alpha", name="重复", kind="residential")
    assert Tenant.objects.count() == before


def test_office_create_failure_after_schema_leaves_no_schema(world, monkeypatch):
    """A failure after the schema was cloned (here: the domain insert) rolls everything back."""
    def boom(*args, **kwargs):
        raise RuntimeError("domain insert failed")

    monkeypatch.setattr(Domain.objects, "create", boom)
    with pytest.raises(RuntimeError):
        office_create(slug="delta", name="德尔塔", kind="residential")
    assert not Tenant.objects.filter(slug="delta").exists()
    assert not schema_exists("delta")
