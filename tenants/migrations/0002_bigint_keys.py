"""Public schema: the contrib tables' integer ids and sequences become bigint (tenants/bigint_keys.py)."""

from django.db import migrations

from tenants.bigint_keys import WIDEN_KEYS_SQL


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunSQL(WIDEN_KEYS_SQL, reverse_sql=migrations.RunSQL.noop)]
