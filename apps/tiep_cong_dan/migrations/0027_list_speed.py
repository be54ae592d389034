"""Lists answered from indexes: petitions numbered on every row (a total order the
registration index serves), indexes that start with what a scoped list filters on, and
citizens' names folded for search with a FULLTEXT index on MariaDB."""

from django.db import migrations, models

import tiep_cong_dan.core.search
from tiep_cong_dan.core.search import fulltext_index, search_words

BATCH = 5000


def fold_names(apps, schema_editor):
    Citizen = apps.get_model("tiep_cong_dan", "Citizen")
    last = 0
    while True:
        rows = list(
            Citizen.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "full_name", "id_number")[:BATCH]
        )
        if not rows:
            return
        Citizen.objects.bulk_update(
            [Citizen(pk=pk, search_text=search_words(name, number)) for pk, name, number in rows],
            ["search_text"],
            batch_size=1000,
        )
        last = rows[-1][0]


class Migration(migrations.Migration):
    # The FULLTEXT index is DDL run from Python, which Django refuses inside a
    # transaction; MariaDB commits DDL at once anyway.
    atomic = False
    dependencies = [("tiep_cong_dan", "0026_desk_defects")]

    operations = [
        migrations.RemoveIndex(model_name="petition", name="tiep_cong_d_registr_bece59_idx"),
        *[
            migrations.AlterField(
                model_name=model,
                name=name,
                field=field(editable=False, verbose_name=label),
            )
            for model in ("historicalpetition", "petition")
            for name, field, label in (
                ("registration_seq", models.PositiveIntegerField, "number in year"),
                ("registration_year", models.PositiveSmallIntegerField, "registration year"),
            )
        ],
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["registration_seq"], name="tiep_cong_d_registr_115947_idx"),
        ),
        *[
            migrations.AddIndex(
                model_name="petition",
                index=models.Index(fields=[first, "registration_year", "registration_seq"], name=name),
            )
            for first, name in (
                ("matter_unit", "petition_matter_unit_order"),
                ("residence_unit", "petition_residence_order"),
                ("state", "petition_state_order"),
            )
        ],
        migrations.AddField(
            model_name="citizen",
            name="search_text",
            field=tiep_cong_dan.core.search.SearchWordsField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fold_names, migrations.RunPython.noop, elidable=True),
        fulltext_index("tiep_cong_dan_citizen", "search_text"),
    ]
