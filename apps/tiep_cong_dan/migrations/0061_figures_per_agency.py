"""The monthly figures kept per agency concerned too (reporting/cube.py).

The table is emptied both ways: the rows kept so far lack the agencies' (and, going
back, would collide under the older key), and an empty table is one the reports do not
read (they count directly) until the nightly job, or `manage.py rebuild_figures`,
recounts it."""

from django.db import migrations, models


def _empty(apps, schema_editor):
    apps.get_model("tiep_cong_dan", "FigureCount").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tiep_cong_dan", "0001_squashed_0060_notice_replacement"),
    ]

    operations = [
        migrations.RunPython(_empty, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="figurecount",
            name="figurecount_cell",
        ),
        migrations.RemoveIndex(
            model_name="figurecount",
            name="figurecount_sums",
        ),
        migrations.AddField(
            model_name="figurecount",
            name="agency",
            field=models.PositiveBigIntegerField(default=0, verbose_name="agency concerned"),
        ),
        migrations.AddIndex(
            model_name="figurecount",
            index=models.Index(
                fields=["agency", "figure", "month", "since", "count"],
                name="figurecount_agency_sums",
            ),
        ),
        migrations.AddConstraint(
            model_name="figurecount",
            constraint=models.UniqueConstraint(
                fields=("figure", "month", "since", "residence_unit", "matter_unit", "agency"),
                name="figurecount_cell_agency",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, _empty),
    ]
