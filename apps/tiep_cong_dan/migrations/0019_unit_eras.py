"""Administrative units of three eras (the communes merged on 2024-12-01 keyed by
their own era), successions dated with their source and main part, agencies' validity
and successions (the departments merged on 2025-03-01)."""

import datetime

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tiep_cong_dan', '0018_confidentiality'),
    ]

    operations = [
        migrations.AddField(
            model_name='agency',
            name='valid_from',
            field=models.DateField(blank=True, null=True, verbose_name='valid from'),
        ),
        migrations.AddField(
            model_name='agency',
            name='valid_to',
            field=models.DateField(blank=True, null=True, verbose_name='valid to'),
        ),
        migrations.AddField(
            model_name='historicalagency',
            name='valid_from',
            field=models.DateField(blank=True, null=True, verbose_name='valid from'),
        ),
        migrations.AddField(
            model_name='historicalagency',
            name='valid_to',
            field=models.DateField(blank=True, null=True, verbose_name='valid to'),
        ),
        migrations.AddField(
            model_name='unitsuccession',
            name='effective_on',
            field=models.DateField(default=datetime.date(2025, 7, 1), verbose_name='effective on'),
        ),
        migrations.AddField(
            model_name='unitsuccession',
            name='main',
            field=models.BooleanField(default=False, help_text='Of a unit split between several: the one that took most of it.', verbose_name='main successor'),
        ),
        migrations.AddField(
            model_name='unitsuccession',
            name='source',
            field=models.CharField(blank=True, max_length=255, verbose_name='source'),
        ),
        migrations.AlterField(
            model_name='administrativeunit',
            name='era',
            field=models.CharField(choices=[('both', 'Both eras'), ('before_2024', 'Before 2024-12-01 (communes merged on 2024-12-01)'), ('before_2025', 'Before 2025-07-01 (province, district, commune)'), ('from_2025', 'From 2025-07-01 (province, commune)')], max_length=12, verbose_name='era'),
        ),
        migrations.AlterField(
            model_name='historicaladministrativeunit',
            name='era',
            field=models.CharField(choices=[('both', 'Both eras'), ('before_2024', 'Before 2024-12-01 (communes merged on 2024-12-01)'), ('before_2025', 'Before 2025-07-01 (province, district, commune)'), ('from_2025', 'From 2025-07-01 (province, commune)')], max_length=12, verbose_name='era'),
        ),
        migrations.CreateModel(
            name='AgencySuccession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('effective_on', models.DateField(verbose_name='effective on')),
                ('source', models.CharField(max_length=255, verbose_name='source')),
                ('new_agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='succession_from', to='tiep_cong_dan.agency', verbose_name='successor agency')),
                ('old_agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='succession_to', to='tiep_cong_dan.agency', verbose_name='former agency')),
            ],
            options={
                'verbose_name': 'agency succession',
                'verbose_name_plural': 'agency successions',
            },
        ),
        migrations.AddField(
            model_name='agency',
            name='successors',
            field=models.ManyToManyField(related_name='predecessors', through='tiep_cong_dan.AgencySuccession', to='tiep_cong_dan.agency', verbose_name='successor agencies'),
        ),
        migrations.AddConstraint(
            model_name='agencysuccession',
            constraint=models.UniqueConstraint(fields=('old_agency', 'new_agency'), name='agency_succession_unique'),
        ),
        migrations.AddConstraint(
            model_name='agencysuccession',
            constraint=models.CheckConstraint(condition=models.Q(('old_agency', models.F('new_agency')), _negated=True), name='agency_succession_not_itself'),
        ),
    ]
