# Indexes for lists read in their order at national scale (the Board's date range, a
# unit officer's citizens), and each task's case units for the dashboards' counts.
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 5000


def copy_case_units(apps, schema_editor):
    """Each task takes its petition's units, a few thousand tasks per statement."""
    Assignment = apps.get_model("tiep_cong_dan", "Assignment")
    Petition = apps.get_model("tiep_cong_dan", "Petition")
    ids = list(Assignment.objects.order_by("pk").values_list("pk", flat=True))
    case = Petition.objects.filter(pk=OuterRef("petition_id"))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        Assignment.objects.filter(pk__in=chunk).update(
            case_residence_unit=Subquery(case.values("residence_unit_id")[:1]),
            case_matter_unit=Subquery(case.values("matter_unit_id")[:1]),
        )


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0039_hearing_dossiers")]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="case_residence_unit",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="assignment",
            name="case_matter_unit",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(copy_case_units, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                fields=["state", "case_residence_unit", "agency", "deadline"],
                name="assignment_open_residence",
            ),
        ),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                fields=["state", "case_matter_unit", "agency", "deadline", "case_residence_unit"],
                name="assignment_open_matter",
            ),
        ),
        migrations.RemoveIndex(model_name="petition", name="tiep_cong_d_receive_a7cb5c_idx"),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["received_date", "registration_year", "registration_seq"],
                name="petition_received_order",
            ),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["residence_unit", "citizen"], name="petition_residence_citizen"
            ),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["matter_unit", "citizen"], name="petition_matter_citizen"),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["citizen", "kind"], name="petition_citizen_kind"),
        ),
    ]
