"""A schema cloned from its type's template is the same as one built by running the migrations
(DESIGN.md "Tenancy": offices are cloned, so the clone must never drift from the migrations)."""

import pytest

from tenants.models import Tenant
from tenants.services import office_create
from tenants.templates import migrate_schema
from tests.tenancy.catalog import catalog_differences, schema_catalog

pytestmark = pytest.mark.django_db


def _assert_same(cloned: str, migrated: str) -> None:
    left, right = schema_catalog(cloned), schema_catalog(migrated)
    assert left["tables"] and left["columns"] and left["indexes"] and left["migrations"]
    assert catalog_differences(left, right) == {}


def test_cloned_office_schema_equals_migrated_one(world):
    tenant = office_create(slug="tpl-clone", name="克隆管理处", kind="residential")
    migrate_schema("tpl_migrated_office", Tenant.OFFICE)
    _assert_same(tenant.schema_name, "tpl_migrated_office")


def test_cloned_hq_schema_equals_migrated_one(world):
    # the hq already exists in the test world: clone a second hq schema through the same path
    Tenant(type=Tenant.HQ, slug="tpl-hq", name="总部副本", schema_name="tpl_clone_hq").create_schema()
    migrate_schema("tpl_migrated_hq", Tenant.HQ)
    _assert_same("tpl_clone_hq", "tpl_migrated_hq")


def test_catalog_comparison_sees_a_difference(world):
    """The comparison itself can fail: one extra index on one side is reported."""
    from django.db import connection

    office_create(slug="tpl-diff", name="差异管理处", kind="residential")
    migrate_schema("tpl_migrated_diff", Tenant.OFFICE)
    with connection.cursor() as cursor:
        cursor.execute('CREATE INDEX extra_idx ON "tpl_diff"."django_migrations" (name)')
    diff = catalog_differences(schema_catalog("tpl_diff"), schema_catalog("tpl_migrated_diff"))
    assert set(diff) == {"indexes"}


def test_clone_function_is_installed_once_not_per_office(world, monkeypatch):
    from tenants import templates
    from tests.tenancy.statements import driver_statements

    monkeypatch.setattr(templates, "create_from_script", lambda *args: False)  # the fallback: clone

    office_create(slug="tpl-once-1", name="一号", kind="residential")
    with driver_statements() as seen:
        office_create(slug="tpl-once-2", name="二号", kind="residential")
    assert any("clone_schema(" in s for s in seen)
    assert not [s for s in seen if "CREATE OR REPLACE FUNCTION" in s]
