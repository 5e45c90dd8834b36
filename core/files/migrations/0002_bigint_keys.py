"""Office and hq schemas: django_content_type's integer id and sequence become bigint
(tenants/bigint_keys.py)."""

from django.db import migrations

from tenants.bigint_keys import WIDEN_KEYS_SQL


class Migration(migrations.Migration):
    dependencies = [
        ("files", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunSQL(WIDEN_KEYS_SQL, reverse_sql=migrations.RunSQL.noop)]
