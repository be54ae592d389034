import django.core.validators
import django.db.models.deletion
import simple_history.models
import tiep_cong_dan.core.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The table of legal bases documents cite by date; the place of issue of a
    citizen's identity paper; pages and condition of each received document."""

    dependencies = [
        ('tiep_cong_dan', '0021_reporting'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LegalBasis',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=60, unique=True, verbose_name='code')),
                ('kind', models.CharField(choices=[('basis', 'Legal basis cited'), ('form', 'Form followed')], default='basis', max_length=10, verbose_name='kind')),
                ('citation', tiep_cong_dan.core.fields.ShortTextField(help_text='As documents print it: "Luật Tiếp công dân", "Nghị định số 154/2026/NĐ-CP ngày 15 tháng 5 năm 2026 của Chính phủ …"; for a form, its code ("Mẫu số 01/TCD").', max_length=400, verbose_name='citation')),
                ('article', tiep_cong_dan.core.fields.ShortTextField(blank=True, help_text='Printed before the citation ("khoản 3 Điều 9"). "[điểm]" stands for the point of the refusal ground ("điểm h,").', max_length=120, verbose_name='article, clause')),
                ('source', tiep_cong_dan.core.fields.ShortTextField(blank=True, help_text='For a form: the text it belongs to ("Nghị định số 154/2026/NĐ-CP").', max_length=200, verbose_name='issued with')),
                ('valid_from', models.DateField(verbose_name='in force from')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='in force until')),
                ('documents', models.CharField(blank=True, help_text='Codes of the documents that cite it, separated by commas: refusal_notice, receipt, reply_letter.', max_length=200, verbose_name='cited by')),
                ('position', models.PositiveSmallIntegerField(default=1, help_text='Order among the texts a document cites.', verbose_name='order')),
            ],
            options={
                'verbose_name': 'legal basis',
                'verbose_name_plural': 'legal bases',
                'ordering': ['position', 'valid_from', 'code'],
            },
        ),
        migrations.AddField(
            model_name='citizen',
            name='id_issued_by',
            field=tiep_cong_dan.core.fields.ShortTextField(blank=True, max_length=200, verbose_name='place of issue'),
        ),
        migrations.AddField(
            model_name='historicalcitizen',
            name='id_issued_by',
            field=tiep_cong_dan.core.fields.ShortTextField(blank=True, max_length=200, verbose_name='place of issue'),
        ),
        migrations.AddField(
            model_name='historicalpetitionattachment',
            name='condition',
            field=models.CharField(blank=True, choices=[('original', 'Original'), ('photocopy', 'Photocopy'), ('certified_copy', 'Certified copy'), ('electronic', 'Electronic copy')], max_length=20, verbose_name='condition'),
        ),
        migrations.AddField(
            model_name='historicalpetitionattachment',
            name='pages',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='pages'),
        ),
        migrations.AddField(
            model_name='petitionattachment',
            name='condition',
            field=models.CharField(blank=True, choices=[('original', 'Original'), ('photocopy', 'Photocopy'), ('certified_copy', 'Certified copy'), ('electronic', 'Electronic copy')], max_length=20, verbose_name='condition'),
        ),
        migrations.AddField(
            model_name='petitionattachment',
            name='pages',
            field=models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='pages'),
        ),
        migrations.CreateModel(
            name='HistoricalLegalBasis',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.SlugField(max_length=60, verbose_name='code')),
                ('kind', models.CharField(choices=[('basis', 'Legal basis cited'), ('form', 'Form followed')], default='basis', max_length=10, verbose_name='kind')),
                ('citation', tiep_cong_dan.core.fields.ShortTextField(help_text='As documents print it: "Luật Tiếp công dân", "Nghị định số 154/2026/NĐ-CP ngày 15 tháng 5 năm 2026 của Chính phủ …"; for a form, its code ("Mẫu số 01/TCD").', max_length=400, verbose_name='citation')),
                ('article', tiep_cong_dan.core.fields.ShortTextField(blank=True, help_text='Printed before the citation ("khoản 3 Điều 9"). "[điểm]" stands for the point of the refusal ground ("điểm h,").', max_length=120, verbose_name='article, clause')),
                ('source', tiep_cong_dan.core.fields.ShortTextField(blank=True, help_text='For a form: the text it belongs to ("Nghị định số 154/2026/NĐ-CP").', max_length=200, verbose_name='issued with')),
                ('valid_from', models.DateField(verbose_name='in force from')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='in force until')),
                ('documents', models.CharField(blank=True, help_text='Codes of the documents that cite it, separated by commas: refusal_notice, receipt, reply_letter.', max_length=200, verbose_name='cited by')),
                ('position', models.PositiveSmallIntegerField(default=1, help_text='Order among the texts a document cites.', verbose_name='order')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical legal basis',
                'verbose_name_plural': 'historical legal bases',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
