"""`migrate_schemas` (and `migrate`) that also keeps the template schemas migrated, and migrates only
the schemas that are behind, in parallel (tenants/migrate_behind.py)."""

from django.conf import settings
from django.core.management.base import CommandError
from django_tenants.management.commands import SyncCommon
from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand
from django_tenants.migration_executors.base import run_migrations
from django_tenants.utils import get_public_schema_name

from tenants.migrate_behind import SchemaMigrationFailed, run_parallel, schemas_behind
from tenants.template_script import scripts_refresh
from tenants.templates import ensure_schema, migrate_templates, template_schemas

# options that ask django-tenants' own per-schema run (a target, a plan, a chosen executor ...)
_PER_SCHEMA_OPTIONS = ("schema_name", "app_label", "migration_name", "plan", "prune", "check_unapplied",
                       "run_syncdb", "executor")


class Command(MigrateSchemasCommand):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--processes", type=int, default=None,
                            help="Schemas migrated at once (default: settings.TENANT_MIGRATE_PROCESSES).")

    def handle(self, *args, **options):
        if any(options.get(name) for name in _PER_SCHEMA_OPTIONS):
            super().handle(*args, **options)
            if self.sync_tenant and not options.get("schema_name"):
                migrate_templates(verbosity=int(options.get("verbosity", 1)) - 1)
            return
        SyncCommon.handle(self, *args, **options)
        if self.sync_public:
            run_migrations(self.args, self.options, "standard", get_public_schema_name())
        if self.sync_tenant:
            self._migrate_tenants_behind()

    def _migrate_tenants_behind(self) -> None:
        from tenants.models import Tenant

        tenants = dict(Tenant.objects.exclude(schema_name=get_public_schema_name())
                       .order_by("pk").values_list("schema_name", "type"))
        for tenant_type, schema_name in template_schemas().items():
            ensure_schema(schema_name)
            tenants[schema_name] = tenant_type
        behind = schemas_behind(tenants)
        verbosity = int(self.options.get("verbosity", 1))
        if verbosity >= 1:
            self.stdout.write(f"migrate: {len(behind)} of {len(tenants)} schemas behind")
        processes = self.options.get("processes") or getattr(settings, "TENANT_MIGRATE_PROCESSES", 2)
        options = {**self.options, "verbosity": max(verbosity - 1, 0)}
        try:
            run_parallel([(name, tenants[name]) for name in behind], _Migrate(self.args, options),
                         processes=processes, stream=getattr(self.stderr, "_out", self.stderr))
        except SchemaMigrationFailed as failure:
            raise CommandError(str(failure)) from failure
        scripts_refresh(list(template_schemas().values()))  # offices are created from these


class _Migrate:
    """Picklable worker: run Django's migrate in one schema (django-tenants' run_migrations)."""

    def __init__(self, args, options):
        self.args, self.options = args, options

    def __call__(self, tenant):
        schema_name, tenant_type = tenant
        run_migrations(self.args, self.options, "parallel", schema_name, tenant_type=tenant_type)
