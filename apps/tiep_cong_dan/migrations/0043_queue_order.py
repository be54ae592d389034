# The Chairman's queue read along an index in its own order (urgent first).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0042_case_proposals")]

    operations = [
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["state", "-urgent", "registration_year", "registration_seq"],
                name="petition_queue_order",
            ),
        ),
    ]
