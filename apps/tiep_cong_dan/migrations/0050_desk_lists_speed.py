# Indexes for the desk's petition list on a national-scale history
# (access/branches.py deep pages) and the queue's forecast (scheduling/planning.py).
# Additive only.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0049_demo_speed")]

    operations = [
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["residence_unit", "registration_year", "registration_seq", "matter_unit"],
                name="petition_residence_scope_order",
            ),
        ),
        migrations.AddIndex(
            model_name="workflowevent",
            index=models.Index(fields=["doctype", "action", "at"], name="workflowevent_action_at"),
        ),
    ]
