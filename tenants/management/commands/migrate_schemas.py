"""`migrate_schemas` (and `migrate`) that also keeps the template schemas migrated."""

from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand

from tenants.templates import migrate_templates


class Command(MigrateSchemasCommand):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        if self.sync_tenant and not self.schema_name_given(options):
            migrate_templates(verbosity=int(options.get("verbosity", 1)) - 1)

    @staticmethod
    def schema_name_given(options) -> bool:
        return bool(options.get("schema_name"))
