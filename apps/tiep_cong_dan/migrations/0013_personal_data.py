# Personal-data protection: the access log tells a denouncer's identity from other
# personal data (every existing entry is the former), and a citizen records when the
# retention job removed their personal data. Both steps are reversible (RemoveField).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tiep_cong_dan', '0012_api_tokens'),
    ]

    operations = [
        migrations.AddField(
            model_name='confidentialaccess',
            name='kind',
            field=models.CharField(choices=[('confidential', "Denouncer's identity"), ('personal', 'Personal data')], db_index=True, default='confidential', max_length=12, verbose_name='data shown'),
        ),
        migrations.AddField(
            model_name='citizen',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='personal data removed on'),
        ),
        migrations.AddField(
            model_name='historicalcitizen',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='personal data removed on'),
        ),
    ]
