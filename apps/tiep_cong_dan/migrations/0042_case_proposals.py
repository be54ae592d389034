# Proposals from communes and districts; the Board's queue-planning setting.

import django.core.validators
import django.db.models.deletion
import simple_history.models
import tiep_cong_dan.core.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tiep_cong_dan", "0041_session_form"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalCaseProposal",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "ground",
                    models.CharField(
                        choices=[
                            ("scheme_2_1", "Scheme III.2.1: the resident asks to be heard online"),
                            (
                                "scheme_2_2",
                                "Scheme III.2.2: ad hoc case not yet received in person",
                            ),
                            ("scheme_2_3", "Scheme III.2.3: local case needing central agencies"),
                            (
                                "law_18_3_a",
                                "Law Art. 18(3)(a): acute, many people, several agencies or diverging views",
                            ),
                            ("law_18_3_b", "Law Art. 18(3)(b): risk of serious harm"),
                            ("over_heads", "Signs of going over the local authorities' heads"),
                            ("other", "Other grounds (explained below)"),
                        ],
                        max_length=15,
                        verbose_name="grounds",
                    ),
                ),
                (
                    "details",
                    tiep_cong_dan.core.fields.LongTextField(
                        blank=True, max_length=5000, verbose_name="details of the grounds"
                    ),
                ),
                (
                    "letter",
                    tiep_cong_dan.core.fields.ShortTextField(
                        blank=True,
                        help_text="Number and date of the People's Committee's letter, if any.",
                        max_length=255,
                        verbose_name="proposal letter",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("submitted", "Submitted, awaiting the Board"),
                            ("accepted", "Accepted by the Board"),
                            ("declined", "Declined"),
                        ],
                        default="submitted",
                        editable=False,
                        max_length=12,
                        verbose_name="state",
                    ),
                ),
                (
                    "decline_reason",
                    tiep_cong_dan.core.fields.LongTextField(
                        blank=True,
                        editable=False,
                        max_length=5000,
                        verbose_name="reason for declining",
                    ),
                ),
                (
                    "proposed_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="proposed at"),
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
                (
                    "petition",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tiep_cong_dan.petition",
                        verbose_name="petition",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="proposed by",
                    ),
                ),
                (
                    "proposing_agency",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tiep_cong_dan.agency",
                        verbose_name="proposing People's Committee",
                    ),
                ),
                (
                    "proposing_unit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="tiep_cong_dan.administrativeunit",
                        verbose_name="proposing commune or district",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical case proposal",
                "verbose_name_plural": "historical case proposals",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="QueuePlanning",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "wait_threshold_days",
                    models.PositiveSmallIntegerField(
                        default=60,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(730),
                        ],
                        verbose_name="expected wait threshold (days)",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="updated by",
                    ),
                ),
            ],
            options={
                "verbose_name": "queue planning",
                "verbose_name_plural": "queue planning",
            },
        ),
        migrations.CreateModel(
            name="CaseProposal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "ground",
                    models.CharField(
                        choices=[
                            ("scheme_2_1", "Scheme III.2.1: the resident asks to be heard online"),
                            (
                                "scheme_2_2",
                                "Scheme III.2.2: ad hoc case not yet received in person",
                            ),
                            ("scheme_2_3", "Scheme III.2.3: local case needing central agencies"),
                            (
                                "law_18_3_a",
                                "Law Art. 18(3)(a): acute, many people, several agencies or diverging views",
                            ),
                            ("law_18_3_b", "Law Art. 18(3)(b): risk of serious harm"),
                            ("over_heads", "Signs of going over the local authorities' heads"),
                            ("other", "Other grounds (explained below)"),
                        ],
                        max_length=15,
                        verbose_name="grounds",
                    ),
                ),
                (
                    "details",
                    tiep_cong_dan.core.fields.LongTextField(
                        blank=True, max_length=5000, verbose_name="details of the grounds"
                    ),
                ),
                (
                    "letter",
                    tiep_cong_dan.core.fields.ShortTextField(
                        blank=True,
                        help_text="Number and date of the People's Committee's letter, if any.",
                        max_length=255,
                        verbose_name="proposal letter",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("submitted", "Submitted, awaiting the Board"),
                            ("accepted", "Accepted by the Board"),
                            ("declined", "Declined"),
                        ],
                        default="submitted",
                        editable=False,
                        max_length=12,
                        verbose_name="state",
                    ),
                ),
                (
                    "decline_reason",
                    tiep_cong_dan.core.fields.LongTextField(
                        blank=True,
                        editable=False,
                        max_length=5000,
                        verbose_name="reason for declining",
                    ),
                ),
                (
                    "proposed_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="proposed at"),
                ),
                (
                    "petition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="proposals",
                        to="tiep_cong_dan.petition",
                        verbose_name="petition",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="proposed by",
                    ),
                ),
                (
                    "proposing_agency",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="tiep_cong_dan.agency",
                        verbose_name="proposing People's Committee",
                    ),
                ),
                (
                    "proposing_unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="tiep_cong_dan.administrativeunit",
                        verbose_name="proposing commune or district",
                    ),
                ),
            ],
            options={
                "verbose_name": "case proposal",
                "verbose_name_plural": "case proposals",
                "ordering": ["-proposed_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["state", "proposed_at"], name="tiep_cong_d_state_ba63c2_idx"
                    )
                ],
            },
        ),
    ]
