from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0025_doctypes_declared")]

    operations = []
