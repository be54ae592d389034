from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0025_doctypes_declared")]

    operations = [
        # The duplicate identity paper's code, as the API answers it.
        migrations.AlterConstraint(
            model_name="citizen",
            name="citizen_id_unique",
            constraint=models.UniqueConstraint(
                fields=("id_kind", "id_number_key"),
                name="citizen_id_unique",
                violation_error_code="id_number_taken",
                violation_error_message=(
                    "A citizen with this identity paper and number is already recorded."
                ),
            ),
        ),
    ]
