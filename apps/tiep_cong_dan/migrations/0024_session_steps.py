from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('tiep_cong_dan', '0023_legal_steps'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PointConnection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source', models.CharField(choices=[('platform', 'Seen connected by the platform'), ('technician', 'Confirmed by the technician')], max_length=12, verbose_name='known by')),
                ('at', models.DateTimeField(verbose_name='connected at')),
                ('bridge_point', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='tiep_cong_dan.bridgepoint', verbose_name='bridge point')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='confirmed by')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='point_connections', to='tiep_cong_dan.receptionsession', verbose_name='session')),
            ],
            options={
                'verbose_name': 'point connection',
                'verbose_name_plural': 'point connections',
                'ordering': ['session', '-at'],
                'indexes': [models.Index(fields=['session', 'bridge_point', 'at'], name='tiep_cong_d_session_43994c_idx')],
            },
        ),
    ]
