from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0046_reception_requests")]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="lookup_code_digest",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
    ]
