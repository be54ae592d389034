"""The petition's agency links become a model of their own (PetitionAgency) on the
same table, and carry the case's state and order: an agency officer's list is read
from the links' index. The table is not rebuilt: its model is declared, the three
columns added and filled from the cases."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 5000
STATES = [
    ("received", "Received"),
    ("classified", "Classified"),
    ("proposed", "Proposed for online reception"),
    ("endorsed", "Endorsed by the Board head, awaiting the Chairman"),
    ("not_proposed", "Not proposed"),
    ("replied", "Reply letter issued"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("scheduled", "Scheduled"),
    ("heard", "Heard"),
    ("concluded", "Concluded"),
    ("followed_up", "Followed up"),
    ("closed", "Closed"),
    ("withdrawn", "Withdrawn"),
    ("refused", "Refused"),
    ("transferred", "Transferred to another agency"),
    ("voided", "Voided as a duplicate"),
]


def copy_cases(apps, schema_editor):
    """Each link takes its case's state and order, a few thousand links per statement."""
    Link = apps.get_model("tiep_cong_dan", "PetitionAgency")
    Petition = apps.get_model("tiep_cong_dan", "Petition")
    ids = list(Link.objects.order_by("pk").values_list("pk", flat=True))
    case = Petition.objects.filter(pk=OuterRef("petition_id"))
    for start in range(0, len(ids), BATCH):
        Link.objects.filter(pk__in=ids[start : start + BATCH]).update(
            state=Subquery(case.values("state")[:1]),
            registration_year=Subquery(case.values("registration_year")[:1]),
            registration_seq=Subquery(case.values("registration_seq")[:1]),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("tiep_cong_dan", "0061_figures_per_agency"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PetitionAgency",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "agency",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="tiep_cong_dan.agency",
                            ),
                        ),
                        (
                            "petition",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="tiep_cong_dan.petition",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "tiep_cong_dan_petition_agencies_concerned",
                        "unique_together": {("petition", "agency")},
                    },
                ),
                migrations.AlterField(
                    model_name="petition",
                    name="agencies_concerned",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="petitions",
                        through="tiep_cong_dan.PetitionAgency",
                        to="tiep_cong_dan.agency",
                        verbose_name="agencies concerned",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="petitionagency",
            name="state",
            field=models.CharField(choices=STATES, default="", editable=False, max_length=15),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="petitionagency",
            name="registration_year",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="petitionagency",
            name="registration_seq",
            field=models.PositiveIntegerField(default=0, editable=False),
            preserve_default=False,
        ),
        migrations.RunPython(copy_cases, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="petitionagency",
            index=models.Index(
                fields=["agency", "registration_year", "registration_seq", "petition"],
                name="petition_agency_order",
            ),
        ),
        migrations.AddIndex(
            model_name="petitionagency",
            index=models.Index(
                fields=["state", "agency", "registration_year", "registration_seq", "petition"],
                name="petition_agency_state_order",
            ),
        ),
    ]
