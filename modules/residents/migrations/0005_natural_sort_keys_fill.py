"""P-01: the natural-order key of the existing buildings and units (1栋 before 10栋, 101 before 1001)."""

from django.db import migrations

from core.natural import natural_key


def fill(apps, schema_editor):
    for model, source in (("Building", "name"), ("Unit", "number")):
        Model = apps.get_model("residents", model)
        batch = []
        for row in Model.objects.only("pk", source).iterator(chunk_size=2000):
            row.sort_key = natural_key(getattr(row, source), max_length=255)
            batch.append(row)
            if len(batch) >= 2000:
                Model.objects.bulk_update(batch, ["sort_key"])
                batch = []
        Model.objects.bulk_update(batch, ["sort_key"])


class Migration(migrations.Migration):

    dependencies = [("residents", "0004_natural_sort_keys")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
