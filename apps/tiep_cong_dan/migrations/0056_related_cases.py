# Related cases (doctype/petition/related.py): the petitions' content key, kept by the
# model, filled here for the rows on file; the link of a registration to the matter it
# belongs to; the earlier case a refusal cites.
import django.db.models.deletion
from django.db import migrations, models, transaction

import tiep_cong_dan.doctype.petition.similarity
from tiep_cong_dan.core.search import fulltext_index

BATCH = 2000


def fill_content_keys(apps, schema_editor):
    """Every petition's key, a batch of ids per transaction (the migration runs
    outside one: a million rows in a few minutes, memory flat)."""
    from tiep_cong_dan.doctype.petition.similarity import content_key

    Petition = apps.get_model("tiep_cong_dan", "Petition")
    rows = Petition.objects.using(schema_editor.connection.alias).order_by("pk")
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).only("pk", "summary", "content")[:BATCH])
        if not batch:
            return
        for p in batch:
            p.content_key = content_key(f"{p.summary or ''} {p.content or ''}")
        with transaction.atomic(using=schema_editor.connection.alias):
            Petition.objects.using(schema_editor.connection.alias).bulk_update(
                batch, ["content_key"], batch_size=500
            )
        last = batch[-1].pk


class Migration(migrations.Migration):
    atomic = False  # MariaDB cannot add a FULLTEXT index inside a transaction
    dependencies = [("tiep_cong_dan", "0055_recordings")]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="content_key",
            field=tiep_cong_dan.doctype.petition.similarity.ContentKeyField(
                blank=True, default="", editable=False
            ),
        ),
        migrations.RunPython(fill_content_keys, migrations.RunPython.noop, elidable=False),
        fulltext_index("tiep_cong_dan_petition", "content_key"),
        migrations.AddField(
            model_name="historicalpetition",
            name="refusal_cites",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The case already resolved that this petition repeats.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="tiep_cong_dan.petition",
                verbose_name="earlier case cited by the refusal",
            ),
        ),
        migrations.AddField(
            model_name="historicalpetition",
            name="same_matter_as",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="tiep_cong_dan.petition",
                verbose_name="same matter as",
            ),
        ),
        migrations.AddField(
            model_name="petition",
            name="refusal_cites",
            field=models.ForeignKey(
                blank=True,
                help_text="The case already resolved that this petition repeats.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="tiep_cong_dan.petition",
                verbose_name="earlier case cited by the refusal",
            ),
        ),
        migrations.AddField(
            model_name="petition",
            name="same_matter_as",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="same_matter_cases",
                to="tiep_cong_dan.petition",
                verbose_name="same matter as",
            ),
        ),
    ]
