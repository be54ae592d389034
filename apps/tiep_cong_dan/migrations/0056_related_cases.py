# Reserved: filled by the change that needs it, or left empty.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tiep_cong_dan", "0055_recordings")]

    operations = []
