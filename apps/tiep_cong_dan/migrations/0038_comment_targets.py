"""The users list searched by words (access/accounts/search.py): beside each account
its name, login name and e-mail as copied, and their folded words under a FULLTEXT
index on MariaDB. Filled here for the accounts that exist (the search brings up to date
any account written later outside the desk)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import tiep_cong_dan.core.search
from tiep_cong_dan.core.search import fulltext_index, search_text_of

TITLE, ALSO = ("first_name", "last_name"), ("username", "email")


def fill(apps, schema_editor):
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    words = apps.get_model("tiep_cong_dan", "UserWords")
    rows = []
    for user in user_model.objects.order_by("pk"):
        row = words(user_id=user.pk, **{n: getattr(user, n) or "" for n in (*TITLE, *ALSO)})
        row.search_text = search_text_of(row, TITLE, ALSO)
        rows.append(row)
    words.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    atomic = False  # MariaDB cannot add a FULLTEXT index inside a transaction
    dependencies = [
        ("tiep_cong_dan", "0037_list_views"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UserWords",
            fields=[
                (
                    "search_text",
                    tiep_cong_dan.core.search.SearchWordsField(
                        blank=True, default="", editable=False
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="tcd_words",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                ("first_name", models.CharField(blank=True, max_length=150)),
                ("last_name", models.CharField(blank=True, max_length=150)),
                ("username", models.CharField(blank=True, max_length=150)),
                ("email", models.CharField(blank=True, max_length=254)),
            ],
            options={
                "verbose_name": "user's search words",
                "verbose_name_plural": "users' search words",
            },
        ),
        fulltext_index("tiep_cong_dan_userwords", "search_text"),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
