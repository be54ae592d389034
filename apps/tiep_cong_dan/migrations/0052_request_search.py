# Online requests found by words like every other list (core/search.py): their column,
# its full-text index, and the column of the requests already sent.
import tiep_cong_dan.core.search
from django.db import migrations, transaction
from tiep_cong_dan.core.search import fulltext_index, search_text_of

TITLE, ALSO = ("number",), ("kind", "state")


def fill(apps, schema_editor):
    model = apps.get_model("tiep_cong_dan", "receptionrequest")
    rows = list(model.objects.only("pk", *TITLE, *ALSO))
    for row in rows:
        row.search_text = search_text_of(row, TITLE, ALSO)
    with transaction.atomic():
        model.objects.bulk_update(rows, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    atomic = False  # MariaDB cannot add a FULLTEXT index inside a transaction
    dependencies = [("tiep_cong_dan", "0051_request_retention")]

    operations = [
        migrations.AddField(
            model_name="receptionrequest",
            name="search_text",
            field=tiep_cong_dan.core.search.SearchWordsField(
                blank=True, default="", editable=False
            ),
        ),
        fulltext_index("tiep_cong_dan_receptionrequest", "search_text"),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
