"""The monthly figures kept ready (reporting/cube.py), and an index of the steps that
overrode rules (the monthly report lists them). Empty until
`manage.py rebuild_figures` (or the nightly job, or loading the demo) counts them once:
until then the reports count directly, as before."""

from django.db import migrations, models
from django.db.models.expressions import RawSQL


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0031_list_pages")]
    operations = [
        migrations.AddField(
            model_name="workflowevent",
            name="has_override",
            field=models.GeneratedField(
                db_persist=False,
                expression=RawSQL("overridden <> '[]'", ()),
                output_field=models.BooleanField(),
                verbose_name="rules overridden",
            ),
        ),
        migrations.AddIndex(
            model_name="workflowevent",
            index=models.Index(fields=["has_override", "at"], name="workflowevent_override"),
        ),
        migrations.CreateModel(
            name="FigureCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("figure", models.CharField(max_length=40, verbose_name="figure")),
                ("month", models.PositiveIntegerField(verbose_name="month")),
                (
                    "since",
                    models.PositiveIntegerField(default=0, verbose_name="previous month"),
                ),
                (
                    "residence_unit",
                    models.PositiveBigIntegerField(default=0, verbose_name="unit of residence"),
                ),
                (
                    "matter_unit",
                    models.PositiveBigIntegerField(default=0, verbose_name="unit of the matter"),
                ),
                ("count", models.IntegerField(default=0, verbose_name="count")),
            ],
            options={
                "verbose_name": "monthly figure",
                "verbose_name_plural": "monthly figures",
                "indexes": [
                    models.Index(
                        fields=["figure", "month", "since", "count"], name="figurecount_sums"
                    ),
                    models.Index(
                        fields=["residence_unit", "figure", "month", "since", "count"],
                        name="figurecount_residence",
                    ),
                    models.Index(
                        fields=[
                            "matter_unit",
                            "figure",
                            "month",
                            "since",
                            "residence_unit",
                            "count",
                        ],
                        name="figurecount_matter",
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("figure", "month", "since", "residence_unit", "matter_unit"),
                        name="figurecount_cell",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["state", "matter_unit", "residence_unit"],
                name="petition_state_matter_scope",
            ),
        ),
    ]
