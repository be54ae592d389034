"""The monthly figures kept per agency concerned too (reporting/cube.py).

The rows kept so far are the units' (agency 0) and stay read; the agencies' rows come
with the next recount (the nightly job, or `manage.py rebuild_figures`): until then no
mark of the mergers they follow exists, so a department's figures are counted
directly. Going back, the agencies' rows go first: under the older key they would
collide with the units'."""

from django.db import migrations, models


def _drop_agencies(apps, schema_editor):
    rows = apps.get_model("tiep_cong_dan", "FigureCount").objects
    rows.exclude(agency=0).delete()
    rows.filter(figure="lineage").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tiep_cong_dan", "0001_squashed_0060_notice_replacement"),
    ]

    operations = [
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
        migrations.RunPython(migrations.RunPython.noop, _drop_agencies),
    ]
