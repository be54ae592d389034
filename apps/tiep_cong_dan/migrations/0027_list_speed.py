from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0026_desk_defects")]

    operations = []
