"""Template schemas: one per tenant type, migrated like a tenant, cloned to create a new one.

`migrate_templates()` runs from `manage.py migrate` (tenants/management/commands/migrate_schemas.py),
so a template can never fall behind the migrations; tests/tenancy/test_templates.py compares a cloned
schema with a migrated one column by column, index by index and constraint by constraint."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django_tenants.clone import CloneSchema
from django_tenants.migration_executors.base import run_migrations
from django_tenants.utils import schema_exists

from tenants.clone_align import align_clone


def template_schemas() -> dict[str, str]:
    return {t: cfg["BASE_SCHEMA"] for t, cfg in settings.TENANT_TYPES.items() if cfg.get("BASE_SCHEMA")}


def migrate_schema(schema_name: str, tenant_type: str, verbosity: int = 0) -> None:
    """Create `schema_name` if missing and apply every migration of `tenant_type`'s apps to it."""
    if not schema_exists(schema_name):
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{schema_name}"')
    options = _migrate_defaults()
    options.update(verbosity=verbosity, interactive=False, skip_checks=True)
    run_migrations(args=[], options=options, executor_codename="standard", schema_name=schema_name,
                   tenant_type=tenant_type)
    connection.set_schema_to_public()


def _migrate_defaults() -> dict:
    from django.core.management.commands.migrate import Command as MigrateCommand

    parser = MigrateCommand().create_parser("manage.py", "migrate")
    return vars(parser.parse_args([]))


def migrate_templates(verbosity: int = 0) -> None:
    for tenant_type, schema_name in template_schemas().items():
        migrate_schema(schema_name, tenant_type, verbosity=verbosity)


def create_schema_for(tenant, *, check_if_exists: bool, sync_schema: bool, verbosity: int) -> bool:
    """Create the tenant's schema by cloning its type's template, or by migrating when none exists."""
    if check_if_exists and schema_exists(tenant.schema_name):
        return False
    if not sync_schema:
        return False
    template = template_schemas().get(tenant.type)
    if template and schema_exists(template):
        CloneSchema().clone_schema(template, tenant.schema_name, "DATA")
        with connection.cursor() as cursor:
            align_clone(cursor, template, tenant.schema_name)
    else:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{tenant.schema_name}"')
        call_command("migrate_schemas", tenant=True, schema_name=tenant.schema_name,
                     interactive=False, verbosity=verbosity)
    connection.set_schema_to_public()
    return True
