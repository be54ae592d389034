import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tiep_cong_dan', '0015_citizen_identity'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AccountChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='at')),
                ('kind', models.CharField(choices=[('role_requested', 'Cleared role requested'), ('role_confirmed', 'Cleared role confirmed'), ('role_refused', 'Cleared role refused'), ('role_granted', 'Role granted'), ('role_removed', 'Role removed'), ('account_changed', 'Account changed'), ('one_time_password', 'One-time password issued'), ('reset_link', 'Password reset link sent'), ('password_set', 'Password set through a reset link'), ('two_factor_reset', 'Two-step verification reset'), ('system_setup', 'Set up by a command, without confirmation')], db_index=True, max_length=20, verbose_name='change')),
                ('username', models.CharField(max_length=150, verbose_name='account')),
                ('actor_name', models.CharField(blank=True, max_length=150, verbose_name='by')),
                ('role', models.CharField(blank=True, choices=[('board_officer', 'Board officer'), ('board_head', 'Board head'), ('chairman', 'Chairman'), ('chairman_office', "Chairman's office"), ('department_officer', 'Department officer'), ('district_officer', 'District officer'), ('commune_officer', 'Commune officer'), ('central_observer', 'Central observer'), ('technician', 'Technician'), ('administrator', 'Administrator')], max_length=40, verbose_name='role')),
                ('detail', models.CharField(blank=True, max_length=255, verbose_name='detail')),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='account')),
            ],
            options={
                'verbose_name': 'account change',
                'verbose_name_plural': 'account and role log',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='OneTimePassword',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('issued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='issued at')),
                ('password_hash', models.CharField(max_length=128)),
                ('issued_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='issued by')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='tcd_one_time_password', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'one-time password',
                'verbose_name_plural': 'one-time passwords',
            },
        ),
        migrations.CreateModel(
            name='RoleGrant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('board_officer', 'Board officer'), ('board_head', 'Board head'), ('chairman', 'Chairman'), ('chairman_office', "Chairman's office"), ('department_officer', 'Department officer'), ('district_officer', 'District officer'), ('commune_officer', 'Commune officer'), ('central_observer', 'Central observer'), ('technician', 'Technician'), ('administrator', 'Administrator')], max_length=40, verbose_name='role')),
                ('state', models.CharField(choices=[('pending', 'Awaiting confirmation'), ('confirmed', 'Confirmed'), ('refused', 'Refused')], db_index=True, default='pending', max_length=12, verbose_name='state')),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='requested at')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed at')),
                ('refused_at', models.DateTimeField(blank=True, null=True, verbose_name='refused at')),
                ('reason', models.TextField(blank=True, verbose_name='reason for refusal')),
                ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='confirmed by')),
                ('refused_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='refused by')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tcd_role_grants', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'role grant request',
                'verbose_name_plural': 'role grant requests',
                'ordering': ['-requested_at', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('requested_by', models.F('user')), _negated=True), name='role_grant_not_to_oneself'), models.CheckConstraint(condition=models.Q(('confirmed_by__isnull', True), models.Q(models.Q(('confirmed_by', models.F('user')), _negated=True), models.Q(('confirmed_by', models.F('requested_by')), _negated=True)), _connector='OR'), name='role_grant_second_person'), models.CheckConstraint(condition=models.Q(('refused_by__isnull', True), models.Q(models.Q(('refused_by', models.F('user')), _negated=True), models.Q(('refused_by', models.F('requested_by')), _negated=True)), _connector='OR'), name='role_grant_refused_by_second_person'), models.CheckConstraint(condition=models.Q(models.Q(('confirmed_by__isnull', True), ('refused_by__isnull', True), ('state', 'pending')), models.Q(('confirmed_by__isnull', False), ('refused_by__isnull', True), ('state', 'confirmed')), models.Q(('confirmed_by__isnull', True), ('refused_by__isnull', False), ('state', 'refused')), _connector='OR'), name='role_grant_decided_once')],
            },
        ),
    ]
