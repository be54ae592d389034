# Hearing dossiers (scheme V.1.2, V.1.3): one per agency concerned with each hearing of an
# approved session, due a number of working days (set on the session) before it.

import django.core.validators
import django.db.models.deletion
import simple_history.models
import tiep_cong_dan.core.constraints
import tiep_cong_dan.core.fields
import tiep_cong_dan.core.search
import tiep_cong_dan.doctype.hearing_dossier.models
from tiep_cong_dan.core.search import fulltext_index
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # MariaDB cannot add a FULLTEXT index inside a transaction

    dependencies = [
        ('tiep_cong_dan', '0038_comment_targets'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalreceptionsession',
            name='dossier_working_days',
            field=models.PositiveSmallIntegerField(default=3, help_text="The agencies concerned hand in each hearing's dossier this many working days before the session.", validators=[django.core.validators.MaxValueValidator(20)], verbose_name='dossiers due (working days before)'),
        ),
        migrations.AddField(
            model_name='receptionsession',
            name='dossier_working_days',
            field=models.PositiveSmallIntegerField(default=3, help_text="The agencies concerned hand in each hearing's dossier this many working days before the session.", validators=[django.core.validators.MaxValueValidator(20)], verbose_name='dossiers due (working days before)'),
        ),
        migrations.CreateModel(
            name='HistoricalHearingDossier',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('due_date', models.DateField(editable=False, verbose_name='due by')),
                ('case_history', tiep_cong_dan.core.fields.LongTextField(blank=True, help_text='How the case arose and how it was handled so far.', max_length=10000, verbose_name='history of the case')),
                ('decisions', tiep_cong_dan.core.fields.LongTextField(blank=True, help_text='The decisions, replies and conclusions already issued on the case.', max_length=10000, verbose_name='what was decided')),
                ('proposal', tiep_cong_dan.core.fields.LongTextField(blank=True, help_text='What the agency proposes the Chairman concludes.', max_length=10000, verbose_name="the agency's proposal")),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted at')),
                ('submitted_late', models.BooleanField(default=False, editable=False, verbose_name='submitted late')),
                ('return_reason', tiep_cong_dan.core.fields.LongTextField(blank=True, editable=False, max_length=5000, verbose_name='reason returned')),
                ('state', models.CharField(choices=[('open', 'To be prepared'), ('submitted', 'Submitted by the agency'), ('returned', 'Returned to the agency'), ('accepted', 'Accepted by the Board'), ('cancelled', 'Cancelled')], db_index=True, default='open', editable=False, max_length=10, verbose_name='state')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agency', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='tiep_cong_dan.agency', verbose_name='agency')),
                ('agenda_item', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='tiep_cong_dan.agendaitem', verbose_name='hearing')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('petition', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='tiep_cong_dan.petition', verbose_name='petition')),
                ('session', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='tiep_cong_dan.receptionsession', verbose_name='session')),
            ],
            options={
                'verbose_name': 'historical hearing dossier',
                'verbose_name_plural': 'historical hearing dossiers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HearingDossier',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('search_text', tiep_cong_dan.core.search.SearchWordsField(blank=True, default='', editable=False)),
                ('due_date', models.DateField(editable=False, verbose_name='due by')),
                ('case_history', tiep_cong_dan.core.fields.LongTextField(blank=True, help_text='How the case arose and how it was handled so far.', max_length=10000, verbose_name='history of the case')),
                ('decisions', tiep_cong_dan.core.fields.LongTextField(blank=True, help_text='The decisions, replies and conclusions already issued on the case.', max_length=10000, verbose_name='what was decided')),
                ('proposal', tiep_cong_dan.core.fields.LongTextField(blank=True, help_text='What the agency proposes the Chairman concludes.', max_length=10000, verbose_name="the agency's proposal")),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted at')),
                ('submitted_late', models.BooleanField(default=False, editable=False, verbose_name='submitted late')),
                ('return_reason', tiep_cong_dan.core.fields.LongTextField(blank=True, editable=False, max_length=5000, verbose_name='reason returned')),
                ('state', models.CharField(choices=[('open', 'To be prepared'), ('submitted', 'Submitted by the agency'), ('returned', 'Returned to the agency'), ('accepted', 'Accepted by the Board'), ('cancelled', 'Cancelled')], db_index=True, default='open', editable=False, max_length=10, verbose_name='state')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dossiers', to='tiep_cong_dan.agency', verbose_name='agency')),
                ('agenda_item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='dossiers', to='tiep_cong_dan.agendaitem', verbose_name='hearing')),
                ('petition', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dossiers', to='tiep_cong_dan.petition', verbose_name='petition')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='dossiers', to='tiep_cong_dan.receptionsession', verbose_name='session')),
            ],
            options={
                'verbose_name': 'hearing dossier',
                'verbose_name_plural': 'hearing dossiers',
                'ordering': ['due_date', 'id'],
                'indexes': [models.Index(fields=['agency', 'state', 'due_date'], name='tiep_cong_d_agency__89ad11_idx'), models.Index(fields=['state', 'due_date'], name='tiep_cong_d_state_518903_idx')],
                'constraints': [models.UniqueConstraint(fields=('agenda_item', 'agency'), name='dossier_once')],
            },
            bases=(tiep_cong_dan.core.constraints.ExplainedUniqueMixin, models.Model),
        ),
        migrations.CreateModel(
            name='BriefingPack',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=200, upload_to=tiep_cong_dan.doctype.hearing_dossier.models.pack_path, verbose_name='file')),
                ('made_at', models.DateTimeField(auto_now_add=True, verbose_name='made at')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='briefing_packs', to='tiep_cong_dan.receptionsession', verbose_name='session')),
            ],
            options={
                'verbose_name': 'briefing pack',
                'verbose_name_plural': 'briefing packs',
                'ordering': ['-made_at', '-pk'],
            },
        ),
        fulltext_index("tiep_cong_dan_hearingdossier", "search_text"),
    ]
