from django.db import migrations, models

UNITS_FIELD = dict(
    choices=[
        ("period", "As the period's era names them (districts before 2025-07-01)"),
        ("today", "On today's communes"),
    ],
    default="period",
    max_length=12,
    verbose_name="units",
)


def _rename_units_mode(old: str, new: str):
    """Reports drafted to name units "as registered" now name them as their period's era
    names them (the same districts before 2025-07-01, the successor communes after)."""

    def run(apps, schema_editor):
        for name in ("MonthlyReport", "HistoricalMonthlyReport"):
            apps.get_model("tiep_cong_dan", name).objects.filter(units_mode=old).update(
                units_mode=new
            )

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('tiep_cong_dan', '0020_history_records'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='historicalmonthlyreport',
            options={
                'get_latest_by': ('history_date', 'history_id'),
                'ordering': ('-history_date', '-history_id'),
                'verbose_name': 'historical reception report',
                'verbose_name_plural': 'historical reception reports',
            },
        ),
        migrations.AlterModelOptions(
            name='monthlyreport',
            options={
                'ordering': ['-period_start', '-id'],
                'verbose_name': 'reception report',
                'verbose_name_plural': 'reception reports',
            },
        ),
        migrations.AlterField(
            model_name='historicalmonthlyreport',
            name='units_mode',
            field=models.CharField(**UNITS_FIELD),
        ),
        migrations.AlterField(
            model_name='monthlyreport',
            name='units_mode',
            field=models.CharField(**UNITS_FIELD),
        ),
        migrations.RunPython(
            _rename_units_mode("registered", "period"),
            _rename_units_mode("period", "registered"),
        ),
    ]
