from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('hq', '0006_hq_complaint_numbers'),
    ]

    operations = [
        migrations.AlterField(
            model_name='hqcomplaint',
            name='number',
            field=models.CharField(max_length=32, unique=True, verbose_name='总部编号'),
        ),
    ]
