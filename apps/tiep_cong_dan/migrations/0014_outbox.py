from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tiep_cong_dan', '0013_personal_data'),
    ]

    operations = [
        migrations.CreateModel(
            name='OutboxEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('task', models.CharField(max_length=60, verbose_name='kind of task')),
                ('arguments', models.JSONField(default=dict, verbose_name='arguments')),
                ('key', models.CharField(max_length=200, unique=True, verbose_name='key')),
                ('state', models.CharField(choices=[('pending', 'Pending'), ('done', 'Done'), ('failed', 'Failed, waiting for an administrator')], default='pending', max_length=8, verbose_name='state')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('next_attempt_at', models.DateTimeField(verbose_name='next attempt at')),
                ('done_at', models.DateTimeField(blank=True, null=True, verbose_name='done at')),
            ],
            options={
                'verbose_name': 'queued task',
                'verbose_name_plural': 'queued tasks',
                'ordering': ['-id'],
                'indexes': [models.Index(fields=['state', 'next_attempt_at'], name='outbox_due')],
            },
        ),
    ]
