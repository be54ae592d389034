import django.db.models.deletion
import tiep_cong_dan.imports.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Imports run as background jobs, with their progress and every row's errors, for
    their uploader only."""

    dependencies = [
        ('tiep_cong_dan', '0016_role_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=30, verbose_name='kind of import')),
                ('file', models.FileField(blank=True, upload_to=tiep_cong_dan.imports.models.import_path, verbose_name='file')),
                ('original_name', models.CharField(max_length=255, verbose_name='original file name')),
                ('state', models.CharField(choices=[('queued', 'waiting for the job queue'), ('checking', 'checking the rows'), ('checked', 'checked, ready to import'), ('invalid', 'has errors, nothing imported'), ('importing', 'importing'), ('done', 'imported'), ('cancelled', 'cancelled'), ('expired', 'expired'), ('failed', 'failed')], default='queued', max_length=12, verbose_name='state')),
                ('commit', models.BooleanField(default=False, verbose_name='import, not only check')),
                ('step', models.CharField(blank=True, max_length=120, verbose_name='current step')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='rows done')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='rows in all')),
                ('errors', models.JSONField(blank=True, default=list, verbose_name='errors')),
                ('outcome', models.JSONField(blank=True, default=list, verbose_name='outcome')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'import',
                'verbose_name_plural': 'imports',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['state', 'created_at'], name='import_state_created')],
            },
        ),
    ]
