# Indexes for lists read in their order at national scale: the Board's date range,
# and a unit officer's citizens.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0039_hearing_dossiers")]

    operations = [
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
