"""C-16: head office numbers its complaints ZB-<year>-<6 digits> from a per-year counter. Existing rows
(numbered from their id) are renumbered per year of receipt, in id order, and the counters set after them."""

from zoneinfo import ZoneInfo

from django.db import migrations, models

SHANGHAI = ZoneInfo("Asia/Shanghai")


def number_existing(apps, schema_editor):
    HqComplaint = apps.get_model("hq", "HqComplaint")
    HqComplaintCounter = apps.get_model("hq", "HqComplaintCounter")
    last: dict[int, int] = {}
    for item in HqComplaint.objects.order_by("id").only("id", "received_at"):
        year = item.received_at.astimezone(SHANGHAI).year
        last[year] = last.get(year, 0) + 1
        HqComplaint.objects.filter(pk=item.pk).update(number=f"ZB-{year}-{last[year]:06d}")
    HqComplaintCounter.objects.bulk_create([HqComplaintCounter(year=y, last=n) for y, n in last.items()])


class Migration(migrations.Migration):

    dependencies = [
        ('hq', '0005_hq_complaint_result_overdue_for'),
    ]

    operations = [
        migrations.CreateModel(
            name='HqComplaintCounter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveIntegerField(unique=True)),
                ('last', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
    ]
