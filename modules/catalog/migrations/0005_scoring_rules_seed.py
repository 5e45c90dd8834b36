"""Seed the group catalog with every scoring rule of seed 001 (A-01, A-03, A-06)."""

from django.db import migrations


def seed(apps, schema_editor):
    from django.db import connection

    if connection.schema_name != "public":
        return
    from modules.catalog.scoring_seed import scoring_rules_seed

    scoring_rules_seed(rule_model=apps.get_model("catalog", "ScoringRule"),
                       version_model=apps.get_model("catalog", "ScoringRuleVersion"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_scoring_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
