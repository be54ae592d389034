# The words of each citizen's search column, one row each, for the search by a common
# name (doctype/citizen/name_words.py), filled from the column.
import django.db.models.deletion
from django.db import migrations, models, transaction

CHUNK = 5000


# On MariaDB the words are split by the server (a million citizens in minutes, where
# reading and writing them through Python took about twenty): the n-th word of the
# column for n up to its number of words, each citizen's distinct words once.
SPLIT_SQL = """
INSERT INTO tiep_cong_dan_citizenword (citizen_id, word)
SELECT id, w FROM (
    SELECT c.id, LEFT(SUBSTRING_INDEX(SUBSTRING_INDEX(c.search_text, ' ', n.seq), ' ', -1), 64) w
    FROM tiep_cong_dan_citizen c JOIN seq_1_to_200 n
    ON n.seq <= 1 + LENGTH(c.search_text) - LENGTH(REPLACE(c.search_text, ' ', ''))
    WHERE c.id > %s AND c.id <= %s
) x WHERE w NOT IN ('', '|') GROUP BY id, w
"""
SQL_CHUNK = 50_000


def fill_words(apps, schema_editor):
    Citizen = apps.get_model("tiep_cong_dan", "Citizen")
    if schema_editor.connection.vendor == "mysql" and schema_editor.connection.mysql_is_mariadb:
        top = Citizen.objects.using(schema_editor.connection.alias).order_by("-pk").first()
        with schema_editor.connection.cursor() as cursor:
            for start in range(0, top.pk if top else 0, SQL_CHUNK):
                cursor.execute(SPLIT_SQL, [start, start + SQL_CHUNK])
        return
    CitizenWord = apps.get_model("tiep_cong_dan", "CitizenWord")
    db = schema_editor.connection.alias
    last = 0
    while True:
        rows = list(
            Citizen.objects.using(db)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "search_text")[:CHUNK]
        )
        if not rows:
            return
        # As name_words.words_of: the distinct words, without the title's end mark.
        words = [
            CitizenWord(citizen_id=pk, word=word)
            for pk, text in rows
            for word in dict.fromkeys(w[:64] for w in (text or "").split() if w != "|")
        ]
        with transaction.atomic(using=db):
            CitizenWord.objects.using(db).bulk_create(words, batch_size=2000)
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0057_case_clusters")]
    # A chunk per transaction: a million citizens are not held in one.
    atomic = False

    operations = [
        migrations.CreateModel(
            name="CitizenWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=64)),
                (
                    "citizen",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="name_words",
                        to="tiep_cong_dan.citizen",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["word", "citizen"], name="citizenword_word"),
                    models.Index(fields=["citizen", "word"], name="citizenword_citizen"),
                ],
            },
        ),
        migrations.RunPython(fill_words, migrations.RunPython.noop, elidable=False),
    ]
