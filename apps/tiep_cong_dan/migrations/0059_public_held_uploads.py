from django.conf import settings
from django.db import migrations, models


def drop_public_held(apps, schema_editor):
    # Back to an owner on every row: the public site's held files (kept two hours at most)
    # have none, and go.
    held = apps.get_model("tiep_cong_dan", "HeldUpload")
    for row in held.objects.filter(owner__isnull=True):
        row.file.delete(save=False)
        row.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tiep_cong_dan", "0058_scale"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, drop_public_held),
        migrations.AlterField(
            model_name="heldupload",
            name="owner",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
