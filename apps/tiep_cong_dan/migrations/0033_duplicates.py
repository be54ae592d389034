# A registration voided as a duplicate of another (its state and the case it repeats),
# and the files a refused desk form keeps for its uploader.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import tiep_cong_dan.core.models

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


def _state():
    return models.CharField(
        choices=STATES,
        db_index=True,
        default="received",
        editable=False,
        max_length=15,
        verbose_name="state",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("tiep_cong_dan", "0032_report_figures"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    operations = [
        migrations.AddField(
            model_name="historicalpetition",
            name="duplicate_of",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="tiep_cong_dan.petition",
                verbose_name="duplicate of",
            ),
        ),
        migrations.AddField(
            model_name="petition",
            name="duplicate_of",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="voided_duplicates",
                to="tiep_cong_dan.petition",
                verbose_name="duplicate of",
            ),
        ),
        migrations.AlterField(model_name="historicalpetition", name="state", field=_state()),
        migrations.AlterField(model_name="petition", name="state", field=_state()),
        migrations.CreateModel(
            name="HeldUpload",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(editable=False, max_length=64, unique=True)),
                (
                    "file",
                    models.FileField(
                        editable=False, upload_to=tiep_cong_dan.core.models.held_path
                    ),
                ),
                ("original_name", models.CharField(editable=False, max_length=255)),
                ("size", models.PositiveIntegerField(default=0, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "owner",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "file kept for a form",
                "verbose_name_plural": "files kept for forms",
            },
        ),
    ]
