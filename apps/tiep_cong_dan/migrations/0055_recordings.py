# The hearings' recordings register (Decree 154 Art. 24): doctype/hearing_recording.
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import tiep_cong_dan.core.constraints
import tiep_cong_dan.core.fields


class Migration(migrations.Migration):
    dependencies = [
        ("tiep_cong_dan", "0054_signature_checks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalRecording',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('location', models.CharField(help_text="The file's path on the recordings storage (TCD_RECORDING_STORAGE).", max_length=500, verbose_name='storage location')),
                ('size', models.PositiveBigIntegerField(verbose_name='size (bytes)')),
                ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                ('media_type', models.CharField(blank=True, max_length=100, verbose_name='media type')),
                ('duration_seconds', models.PositiveIntegerField(blank=True, null=True, verbose_name='duration (seconds)')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='recording started at')),
                ('ended_at', models.DateTimeField(blank=True, null=True, verbose_name='recording ended at')),
                ('source', models.CharField(choices=[('upload', 'Uploaded in the desk'), ('backend', 'Fetched from the conference platform'), ('reference', 'Registered by its path on the storage')], max_length=10, verbose_name='registered by way of')),
                ('backend_reference', models.CharField(blank=True, max_length=200, verbose_name='platform reference')),
                ('registered_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='registered at')),
                ('retention_until', models.DateField(db_index=True, verbose_name='kept until')),
                ('note', tiep_cong_dan.core.fields.ShortTextField(blank=True, max_length=255, verbose_name='note')),
                ('last_checked_at', models.DateTimeField(blank=True, null=True, verbose_name='last checked at')),
                ('last_check', models.CharField(blank=True, choices=[('ok', 'Intact'), ('size_ok', 'Present, size unchanged (hash not yet re-checked)'), ('missing', 'File missing'), ('size_mismatch', 'Size changed'), ('hash_mismatch', 'SHA-256 changed'), ('unreadable', 'File unreadable')], default='', max_length=15, verbose_name='last check')),
                ('last_hashed_at', models.DateTimeField(blank=True, null=True, verbose_name='last re-hashed at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agenda_item', models.ForeignKey(blank=True, db_constraint=False, help_text='Empty: the recording covers the whole meeting.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='tiep_cong_dan.agendaitem', verbose_name='hearing')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('registered_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
                ('session', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='tiep_cong_dan.receptionsession', verbose_name='session')),
            ],
            options={
                'verbose_name': 'historical hearing recording',
                'verbose_name_plural': 'historical hearing recordings',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Recording',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('location', models.CharField(help_text="The file's path on the recordings storage (TCD_RECORDING_STORAGE).", max_length=500, verbose_name='storage location')),
                ('size', models.PositiveBigIntegerField(verbose_name='size (bytes)')),
                ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                ('media_type', models.CharField(blank=True, max_length=100, verbose_name='media type')),
                ('duration_seconds', models.PositiveIntegerField(blank=True, null=True, verbose_name='duration (seconds)')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='recording started at')),
                ('ended_at', models.DateTimeField(blank=True, null=True, verbose_name='recording ended at')),
                ('source', models.CharField(choices=[('upload', 'Uploaded in the desk'), ('backend', 'Fetched from the conference platform'), ('reference', 'Registered by its path on the storage')], max_length=10, verbose_name='registered by way of')),
                ('backend_reference', models.CharField(blank=True, max_length=200, verbose_name='platform reference')),
                ('registered_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='registered at')),
                ('retention_until', models.DateField(db_index=True, verbose_name='kept until')),
                ('note', tiep_cong_dan.core.fields.ShortTextField(blank=True, max_length=255, verbose_name='note')),
                ('last_checked_at', models.DateTimeField(blank=True, null=True, verbose_name='last checked at')),
                ('last_check', models.CharField(blank=True, choices=[('ok', 'Intact'), ('size_ok', 'Present, size unchanged (hash not yet re-checked)'), ('missing', 'File missing'), ('size_mismatch', 'Size changed'), ('hash_mismatch', 'SHA-256 changed'), ('unreadable', 'File unreadable')], default='', max_length=15, verbose_name='last check')),
                ('last_hashed_at', models.DateTimeField(blank=True, null=True, verbose_name='last re-hashed at')),
                ('agenda_item', models.ForeignKey(blank=True, help_text='Empty: the recording covers the whole meeting.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='recordings', to='tiep_cong_dan.agendaitem', verbose_name='hearing')),
                ('registered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recordings', to='tiep_cong_dan.receptionsession', verbose_name='session')),
            ],
            options={
                'verbose_name': 'hearing recording',
                'verbose_name_plural': 'hearing recordings',
                'ordering': ['session', 'agenda_item__position', 'started_at', 'id'],
                'indexes': [models.Index(fields=['last_hashed_at', 'id'], name='tiep_cong_d_last_ha_3037cd_idx')],
                'constraints': [models.UniqueConstraint(fields=('location',), name='recording_location_once')],
            },
            bases=(tiep_cong_dan.core.constraints.ExplainedUniqueMixin, models.Model),
        ),
    ]
