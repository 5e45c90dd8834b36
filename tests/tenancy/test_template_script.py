"""Offices are built by replaying their template's script, generated once per migration state (issue 8
goal 1): the schema equals a migrated one, creating it reads no catalogue of other schemas, a new
migration state gets a new script, and a template the generator cannot write is cloned instead."""

import pytest
from django.db import connection

from tenants import template_script, templates
from tenants.models import SchemaScript, Tenant
from tenants.services import office_create
from tenants.template_script import Unsupported, generate
from tenants.templates import migrate_schema
from tests.tenancy.catalog import catalog_differences, schema_catalog
from tests.tenancy.statements import driver_statements

pytestmark = pytest.mark.django_db
TEMPLATE = "_template_office"


def test_replayed_office_schema_equals_migrated_one(world):
    tenant = office_create(slug="scr-replay", name="脚本管理处", kind="residential")
    assert SchemaScript.objects.filter(template=TEMPLATE).exists()
    migrate_schema("scr_migrated_office", Tenant.OFFICE)
    assert catalog_differences(schema_catalog(tenant.schema_name), schema_catalog("scr_migrated_office")) == {}


def test_replayed_schema_has_the_template_rows_and_sequence_positions(world):
    tenant = office_create(slug="scr-rows", name="行", kind="residential")
    with connection.cursor() as cursor:
        for table in ("django_migrations", "django_content_type"):
            cursor.execute(f'SELECT count(*) FROM "{tenant.schema_name}".{table}')
            copied = cursor.fetchone()[0]
            cursor.execute(f"SELECT count(*) FROM {TEMPLATE}.{table}")
            assert copied == cursor.fetchone()[0] > 0
        # the next migration record gets a fresh id, not one the template's rows already use
        cursor.execute(f"""INSERT INTO "{tenant.schema_name}".django_migrations (app, name, applied)
                           VALUES ('x', 'y', now()) RETURNING id""")
        new_id = cursor.fetchone()[0]
        cursor.execute(f'SELECT max(id) FROM "{tenant.schema_name}".django_migrations WHERE app <> %s', ["x"])
        assert new_id > cursor.fetchone()[0]


def test_creating_an_office_reads_no_catalogue_of_other_schemas(world):
    office_create(slug="scr-warm", name="预热", kind="residential")  # the script exists from here on
    with driver_statements() as seen:
        office_create(slug="scr-flat", name="平", kind="residential")
    assert not [s for s in seen if "clone_schema(" in s or "information_schema" in s or "pg_class" in s]
    assert any('CREATE SCHEMA "scr_flat"' in s for s in seen)


def test_a_new_migration_state_gets_a_new_script_and_refresh_drops_the_old(world, monkeypatch):
    office_create(slug="scr-old", name="旧", kind="residential")
    before = set(SchemaScript.objects.filter(template=TEMPLATE).values_list("state", flat=True))
    monkeypatch.setattr(template_script, "GENERATOR", "test-next")  # the state digest changes
    office_create(slug="scr-new", name="新", kind="residential")
    after = set(SchemaScript.objects.filter(template=TEMPLATE).values_list("state", flat=True))
    assert len(after - before) == 1
    template_script.scripts_refresh([TEMPLATE])
    assert set(SchemaScript.objects.filter(template=TEMPLATE).values_list("state", flat=True)) == after - before


def test_the_generator_refuses_objects_it_does_not_write(world):
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA scr_odd; CREATE TABLE scr_odd.t (id int); "
                       "CREATE VIEW scr_odd.v AS SELECT id FROM scr_odd.t")
        with pytest.raises(Unsupported):
            generate(cursor, "scr_odd")


def test_a_template_without_a_script_is_cloned_and_still_equals_a_migrated_one(world, monkeypatch):
    def refuse(cursor, template):
        raise Unsupported("test")

    SchemaScript.objects.all().delete()
    monkeypatch.setattr(template_script, "generate", refuse)
    calls = []
    original = templates.clone_template
    monkeypatch.setattr(templates, "clone_template", lambda *a: calls.append(a) or original(*a))
    tenant = office_create(slug="scr-fallback", name="回退", kind="residential")
    assert calls and not SchemaScript.objects.exists()
    migrate_schema("scr_migrated_fallback", Tenant.OFFICE)
    assert catalog_differences(schema_catalog(tenant.schema_name), schema_catalog("scr_migrated_fallback")) == {}
