import django.db.models.functions.comparison
from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    """Records made twice before the index existed stop the migration with their ids:
    which record keeps the cases is the Board's decision, not the migration's."""
    citizens = apps.get_model("tiep_cong_dan", "Citizen").objects.using(
        schema_editor.connection.alias
    )
    twice = (
        citizens.exclude(id_number="")
        .values("id_kind", "id_number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    found = []
    for row in twice:
        ids = citizens.filter(id_kind=row["id_kind"], id_number=row["id_number"])
        found.append(", ".join(str(pk) for pk in ids.order_by("pk").values_list("pk", flat=True)))
    if found:
        raise RuntimeError(
            "Citizens recorded more than once with the same identity paper (ids "
            + "; ".join(found)
            + "): link their petitions to one record and correct or clear the other "
            "records' numbers, then migrate again."
        )


class Migration(migrations.Migration):
    """A citizen's identity paper number is unique in the database on MariaDB too: the
    conditional constraint before it ("unique when not blank") exists only on SQLite,
    MariaDB having no partial indexes (Django's W036). A stored generated column holds
    the number, or NULL when blank, under a plain unique index on every database."""

    dependencies = [
        ("tiep_cong_dan", "0014_outbox"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="citizen",
            name="citizen_id_unique",
        ),
        migrations.AddField(
            model_name="citizen",
            name="id_number_key",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.functions.comparison.NullIf(
                    "id_number", models.Value("")
                ),
                output_field=models.CharField(max_length=20),
            ),
        ),
        migrations.AddConstraint(
            model_name="citizen",
            constraint=models.UniqueConstraint(
                fields=("id_kind", "id_number_key"),
                name="citizen_id_unique",
                violation_error_code="duplicate_id_number",
                violation_error_message=(
                    "A citizen with this identity paper and number is already recorded."
                ),
            ),
        ),
    ]
