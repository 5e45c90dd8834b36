"""Template schemas: one per tenant type, migrated like a tenant, cloned to create a new one.

`migrate_templates()` runs from `manage.py migrate` (tenants/management/commands/migrate_schemas.py),
so a template can never fall behind the migrations; tests/tenancy/test_templates.py compares a cloned
schema with a migrated one column by column, index by index and constraint by constraint."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django_tenants.clone import CLONE_SCHEMA_FUNCTION
from django_tenants.migration_executors.base import run_migrations
from django_tenants.utils import schema_exists

from tenants.clone_align import align_clone
from tenants.template_script import create_from_script, scripts_refresh


def template_schemas() -> dict[str, str]:
    return {t: cfg["BASE_SCHEMA"] for t, cfg in settings.TENANT_TYPES.items() if cfg.get("BASE_SCHEMA")}


def migrate_schema(schema_name: str, tenant_type: str, verbosity: int = 0) -> None:
    """Create `schema_name` if missing and apply every migration of `tenant_type`'s apps to it."""
    ensure_schema(schema_name)
    options = _migrate_defaults()
    options.update(verbosity=verbosity, interactive=False, skip_checks=True)
    run_migrations(args=[], options=options, executor_codename="standard", schema_name=schema_name,
                   tenant_type=tenant_type)
    connection.set_schema_to_public()


def ensure_schema(schema_name: str) -> None:
    if not schema_exists(schema_name):
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{schema_name}"')


def _migrate_defaults() -> dict:
    from django.core.management.commands.migrate import Command as MigrateCommand

    parser = MigrateCommand().create_parser("manage.py", "migrate")
    return vars(parser.parse_args([]))


def migrate_templates(verbosity: int = 0) -> None:
    for tenant_type, schema_name in template_schemas().items():
        migrate_schema(schema_name, tenant_type, verbosity=verbosity)
    scripts_refresh(list(template_schemas().values()))


def create_schema_for(tenant, *, check_if_exists: bool, sync_schema: bool, verbosity: int) -> bool:
    """Create the tenant's schema by cloning its type's template, or by migrating when none exists."""
    if check_if_exists and schema_exists(tenant.schema_name):
        return False
    if not sync_schema:
        return False
    template = template_schemas().get(tenant.type)
    if template and schema_exists(template):
        # replay the template's script (flat in the number of schemas); clone when it has none
        if not create_from_script(template, tenant.schema_name):
            clone_template(template, tenant.schema_name)
    else:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{tenant.schema_name}"')
        call_command("migrate_schemas", tenant=True, schema_name=tenant.schema_name,
                     interactive=False, verbosity=verbosity)
    connection.set_schema_to_public()
    return True


_CLONE_FUNCTIONS = """
    SELECT p.oid::regprocedure::text, obj_description(p.oid, 'pg_proc') FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname = 'clone_schema'"""


def _ensure_clone_function(cursor) -> None:
    """django-tenants re-creates its 4,000-line clone function before every clone (a tenth of the
    clone's time); create it only when it is missing or its source changed, known by a digest kept
    as the function's comment."""
    db_user = settings.DATABASES["default"].get("USER") or "postgres"
    source = CLONE_SCHEMA_FUNCTION.format(db_user=db_user)
    digest = "wuye:" + hashlib.sha256(source.encode()).hexdigest()[:24]
    cursor.execute(_CLONE_FUNCTIONS)
    if [row[1] for row in cursor.fetchall()] == [digest]:
        return
    cursor.execute(source)
    cursor.execute(_CLONE_FUNCTIONS)
    for signature, _comment in cursor.fetchall():
        cursor.execute(f"COMMENT ON FUNCTION {signature} IS '{digest}'")


def clone_template(template: str, schema_name: str) -> None:
    """Copy `template` (structure and rows, so its django_migrations come along) to `schema_name`,
    then align names and sequence types with the template (tenants/clone_align.py)."""
    connection.set_schema_to_public()
    if schema_exists(schema_name, case_sensitive=False):
        raise ValidationError("New schema name already exists")
    with connection.cursor() as cursor:
        _ensure_clone_function(cursor)
        cursor.execute("SELECT clone_schema(%s, %s, 'DATA')", [template, schema_name])
        align_clone(cursor, template, schema_name)
