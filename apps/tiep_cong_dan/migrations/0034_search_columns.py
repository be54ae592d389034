"""Search columns (core/search.py SearchableModel): each picker and list searches a
record's folded words, accents and word order ignored, the same on SQLite and MariaDB.
The columns of existing rows are filled here from the fields each type declared at the
time (a snapshot: later declarations do not change what this migration wrote)."""

from django.db import migrations, transaction

import tiep_cong_dan.core.search
from tiep_cong_dan.core.search import fulltext_index, search_text_of

# model: (title fields, other fields), as declared when the columns were added.
DECLARED = {
    "administrativeunit": (("short_name", "name"), ("code",)),
    "agency": (("name",), ("short_name", "code")),
    "agencymail": (("subject",), ()),
    "assignment": (("task",), ("deadline",)),
    "bridgepoint": (("name",), ("code", "dial_address")),
    "calendarday": (("name",), ("date", "decision")),
    "citizen": (("full_name",), ("id_number",)),
    "legalbasis": (("citation",), ("code", "documents")),
    "monthlyreport": (("number",), ("issued_date",)),
    "printformat": (("name",), ("code",)),
    "receptionsession": (("kind", "date"), ("presiding_official", "notes")),
    "resultnotice": (("number",), ("issued_date", "signer_name")),
}
ADDED = [m for m in DECLARED if m != "citizen"]  # the citizen's column exists already


CHUNK = 2000


def fill(apps, schema_editor):
    # A chunk of rows per transaction and per UPDATE: the migration runs outside one
    # (atomic = False), and a row a commit would take an hour on a million citizens.
    for name, (title, also) in DECLARED.items():
        model = apps.get_model("tiep_cong_dan", name)
        fields = ["pk", *title, *also]
        rows = model.objects.only(*fields).order_by("pk")
        last = 0
        while chunk := list(rows.filter(pk__gt=last)[:CHUNK]):
            for row in chunk:
                row.search_text = search_text_of(row, title, also)
            with transaction.atomic():
                model.objects.bulk_update(chunk, ["search_text"], batch_size=500)
            last = chunk[-1].pk


def _field():
    return tiep_cong_dan.core.search.SearchWordsField(blank=True, default="", editable=False)


class Migration(migrations.Migration):
    atomic = False  # MariaDB cannot add a FULLTEXT index inside a transaction
    dependencies = [("tiep_cong_dan", "0033_duplicates")]
    operations = [
        *(migrations.AddField(model_name=m, name="search_text", field=_field()) for m in ADDED),
        *(fulltext_index(f"tiep_cong_dan_{m}", "search_text") for m in ADDED),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
