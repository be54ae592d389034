# Attachments on every document type (access/attachments): one table naming its
# record by type and key, with its change history.

import django.db.models.deletion
import simple_history.models
import tiep_cong_dan.access.attachments.models
import tiep_cong_dan.core.fields
import tiep_cong_dan.core.uploads
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('tiep_cong_dan', '0034_search_columns'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalAttachment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='document')),
                ('title', tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name='title')),
                ('file', models.TextField(max_length=200, validators=[tiep_cong_dan.core.uploads.validate_attachment], verbose_name='file')),
                ('original_name', models.CharField(editable=False, max_length=255, verbose_name='original file name')),
                ('size', models.PositiveIntegerField(default=0, editable=False, verbose_name='size (bytes)')),
                ('uploaded_at', models.DateTimeField(blank=True, editable=False, verbose_name='uploaded at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype', verbose_name='document type')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('uploaded_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'historical attachment',
                'verbose_name_plural': 'historical attachments',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Attachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='document')),
                ('title', tiep_cong_dan.core.fields.ShortTextField(max_length=200, verbose_name='title')),
                ('file', models.FileField(max_length=200, upload_to=tiep_cong_dan.access.attachments.models.attachment_path, validators=[tiep_cong_dan.core.uploads.validate_attachment], verbose_name='file')),
                ('original_name', models.CharField(editable=False, max_length=255, verbose_name='original file name')),
                ('size', models.PositiveIntegerField(default=0, editable=False, verbose_name='size (bytes)')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype', verbose_name='document type')),
                ('uploaded_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'attachment',
                'verbose_name_plural': 'attachments',
                'ordering': ['uploaded_at', 'pk'],
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='attachment_owner')],
            },
        ),
    ]
