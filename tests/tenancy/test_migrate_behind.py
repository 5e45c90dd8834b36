"""`manage.py migrate` finds the schemas that are behind with one query over all of them and migrates
only those (issue 8 goal 2); a failure stops the run and names the schema; a schema migrated this way
equals its type's template, as a cloned one does (tests/tenancy/test_templates.py)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tenants.management.commands import migrate_schemas as command
from tenants.migrate_behind import SchemaMigrationFailed, run_parallel, schemas_behind
from tenants.models import Tenant
from tests.tenancy.catalog import catalog_differences, schema_catalog
from tests.tenancy.statements import driver_statements

pytestmark = pytest.mark.django_db


@pytest.fixture
def migrated(monkeypatch):
    """The schemas the command hands to Django's migrate, in order."""
    seen = []
    real = command.run_migrations

    def spy(args, options, codename, schema_name, **kwargs):
        seen.append(schema_name)
        return real(args, options, codename, schema_name, **kwargs)

    monkeypatch.setattr(command, "run_migrations", spy)
    return seen


def _forget(schema_name: str, app: str, name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{schema_name}".django_migrations WHERE app = %s AND name = %s', [app, name])


def _migrate() -> None:
    call_command("migrate", tenant=True, processes=1, interactive=False, verbosity=0)


def test_only_the_schema_behind_is_migrated(world, migrated):
    # a public-only app's migration is a no-op in an office schema: forgetting it puts alpha behind
    _forget("alpha", "sessions", "0001_initial")
    assert schemas_behind(["alpha", "beta", world.hq.schema_name, "_template_office"]) == ["alpha"]
    _migrate()
    assert migrated == ["alpha"]
    assert schemas_behind(["alpha"]) == []


def test_nothing_behind_migrates_nothing(world, migrated):
    _migrate()
    assert migrated == []


def test_the_behind_check_is_two_queries_whatever_the_number_of_schemas(world):
    with driver_statements() as few:
        schemas_behind(["alpha"])
    with driver_statements() as many:
        schemas_behind(["alpha", "beta", world.hq.schema_name, "_template_office", "_template_hq"])
    def queries(seen):
        return [s for s in seen if not s.startswith("SET search_path")]

    assert len(queries(few)) == len(queries(many)) == 2


def test_a_new_schema_migrated_by_the_command_equals_the_template(world, migrated):
    tenant = Tenant(type=Tenant.OFFICE, slug="mig-new", name="迁移管理处", schema_name="mig_new")
    tenant.auto_create_schema = False
    tenant.save()
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "mig_new"')
    _migrate()
    assert migrated == ["mig_new"]
    left, right = schema_catalog("mig_new"), schema_catalog("_template_office")
    assert left["tables"] and left["migrations"]
    assert catalog_differences(left, right) == {}


def test_a_failure_stops_the_command_naming_the_schema(world, monkeypatch):
    _forget("beta", "sessions", "0001_initial")

    def broken(args, options, codename, schema_name, **kwargs):
        raise RuntimeError("column already exists")

    monkeypatch.setattr(command, "run_migrations", broken)
    with pytest.raises(CommandError, match='schema "beta".*column already exists'):
        _migrate()


def _fails_on_b(tenant):
    if tenant[0] == "b":
        raise ValueError("boom")


def test_the_process_pool_stops_on_the_first_failure_naming_the_schema():
    import io

    stream = io.StringIO()
    with pytest.raises(SchemaMigrationFailed) as failure:
        run_parallel([("a", "office"), ("b", "office"), ("c", "office")], _fails_on_b, processes=2,
                     stream=stream)
    assert failure.value.schema_name == "b"
    assert "ValueError: boom" in str(failure.value)


def test_the_process_pool_reports_progress(capsys):
    import io

    stream = io.StringIO()
    run_parallel([("a", "office"), ("c", "office")], _fails_on_b, processes=2, stream=stream)
    assert stream.getvalue().count("schemas (") == 2
    assert "2/2" in stream.getvalue()
