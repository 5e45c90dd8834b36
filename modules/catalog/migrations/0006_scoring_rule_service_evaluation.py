"""Add the S-07 rule (a poor special-service evaluation, FW-01) to the group catalog: the seed writer is
idempotent, so only the rules not yet in the catalog are written."""

from django.db import migrations


def seed(apps, schema_editor):
    from django.db import connection

    if connection.schema_name != "public":
        return
    from modules.catalog.scoring_seed import scoring_rules_seed

    scoring_rules_seed(rule_model=apps.get_model("catalog", "ScoringRule"),
                       version_model=apps.get_model("catalog", "ScoringRuleVersion"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_scoring_rules_seed")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
