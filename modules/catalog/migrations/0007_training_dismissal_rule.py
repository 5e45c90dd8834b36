"""A-06: the last rung of the exam retake ladder — still not passed after the 3rd failure and its deadline
(限期掌握，如在有效时间仍未合格，辞退) — as scoring rule PX-07: no points, a dismissal review the office director
decides. Seed 001's other training penalties are PX-01..PX-06 (catalog 0005). Idempotent: a PX-07 already in
the catalog is left alone."""

from datetime import UTC, datetime

from django.db import migrations

CODE = "PX-07"


def seed(apps, schema_editor):
    from django.db import connection

    if connection.schema_name != "public":
        return
    rule_model = apps.get_model("catalog", "ScoringRule")
    version_model = apps.get_model("catalog", "ScoringRuleVersion")
    rule, created = rule_model.objects.get_or_create(code=CODE)
    if not created and version_model.objects.filter(rule=rule).exists():
        return
    version_model.objects.create(rule=rule, effective_from=datetime(2020, 1, 1, tzinfo=UTC), category="training",
                                 description="考核第三次不合格后限期内仍未合格", direction="deduct", points_min="0",
                                 points_max="0", pay_deduction="0", ladder=[], note="辞退审查（管理处主任决定）")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_scoring_rule_service_evaluation")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
