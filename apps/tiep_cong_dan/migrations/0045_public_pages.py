# The public site's information pages, written by the Board in the desk
# (doctype/public_page/), with their history and the full-text index every searchable
# list has (core/search.py).
import django.core.validators
import django.db.models.deletion
import simple_history.models
import tiep_cong_dan.core.fields
import tiep_cong_dan.core.search
from django.conf import settings
from django.db import migrations, models
from tiep_cong_dan.core.search import fulltext_index


class Migration(migrations.Migration):
    atomic = False  # MariaDB cannot add a FULLTEXT index inside a transaction
    dependencies = [
        ("tiep_cong_dan", "0044_proposal_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicPage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "search_text",
                    tiep_cong_dan.core.search.SearchWordsField(
                        blank=True, default="", editable=False
                    ),
                ),
                (
                    "slug",
                    models.CharField(
                        help_text="The page's address after /thong-tin/, e.g. noi-quy-tiep-cong-dan.",
                        max_length=60,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[a-z0-9]+(?:-[a-z0-9]+)*$",
                                "Use lower-case letters without accents, digits and hyphens (noi-quy-tiep-cong-dan).",
                                code="bad_slug",
                            )
                        ],
                        verbose_name="page address",
                    ),
                ),
                (
                    "title",
                    tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="title"),
                ),
                (
                    "summary",
                    tiep_cong_dan.core.fields.ShortTextField(
                        blank=True,
                        help_text="One sentence shown under the title in the list of pages.",
                        max_length=300,
                        verbose_name="page summary",
                    ),
                ),
                (
                    "body",
                    tiep_cong_dan.core.fields.LongTextField(
                        help_text='Plain text. A blank line starts a new paragraph; lines beginning with "- " make a bulleted list, with "1. " a numbered one.',
                        max_length=20000,
                        verbose_name="content",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=10,
                        help_text="Order among the pages (smaller first).",
                        verbose_name="order",
                    ),
                ),
                (
                    "published",
                    models.BooleanField(
                        default=True,
                        help_text="Shown on the public site.",
                        verbose_name="published",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
            ],
            options={
                "verbose_name": "public information page",
                "verbose_name_plural": "public information pages",
                "ordering": ["position", "title"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalPublicPage",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "slug",
                    models.CharField(
                        db_index=True,
                        help_text="The page's address after /thong-tin/, e.g. noi-quy-tiep-cong-dan.",
                        max_length=60,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[a-z0-9]+(?:-[a-z0-9]+)*$",
                                "Use lower-case letters without accents, digits and hyphens (noi-quy-tiep-cong-dan).",
                                code="bad_slug",
                            )
                        ],
                        verbose_name="page address",
                    ),
                ),
                (
                    "title",
                    tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name="title"),
                ),
                (
                    "summary",
                    tiep_cong_dan.core.fields.ShortTextField(
                        blank=True,
                        help_text="One sentence shown under the title in the list of pages.",
                        max_length=300,
                        verbose_name="page summary",
                    ),
                ),
                (
                    "body",
                    tiep_cong_dan.core.fields.LongTextField(
                        help_text='Plain text. A blank line starts a new paragraph; lines beginning with "- " make a bulleted list, with "1. " a numbered one.',
                        max_length=20000,
                        verbose_name="content",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=10,
                        help_text="Order among the pages (smaller first).",
                        verbose_name="order",
                    ),
                ),
                (
                    "published",
                    models.BooleanField(
                        default=True,
                        help_text="Shown on the public site.",
                        verbose_name="published",
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated at"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical public information page",
                "verbose_name_plural": "historical public information pages",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        fulltext_index("tiep_cong_dan_publicpage", "search_text"),
    ]
