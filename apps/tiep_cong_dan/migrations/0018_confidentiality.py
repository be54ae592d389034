from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('tiep_cong_dan', '0017_files_and_imports'),
    ]

    operations = []
