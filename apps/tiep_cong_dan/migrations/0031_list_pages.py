# A unit officer's petition list filtered by state, read from one index range per unit
# and column in the list's order (access/branches.py). Additive only.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0030_event_log_order")]
    operations = [
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["state", "matter_unit", "registration_year", "registration_seq"],
                name="petition_state_matter_order",
            ),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["state", "residence_unit", "registration_year", "registration_seq"],
                name="petition_state_residence_order",
            ),
        ),
    ]
