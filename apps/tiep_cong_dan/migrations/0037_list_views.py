# A user's views of the desk lists: their columns and saved filters (access/list_views).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tiep_cong_dan", "0036_comments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ListView",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("list_key", models.CharField(max_length=100, verbose_name="list")),
                ("kind", models.CharField(choices=[("columns", "Columns"), ("filter", "Saved filter")], max_length=8, verbose_name="kind")),
                ("name", models.CharField(blank=True, max_length=80, verbose_name="name")),
                ("query", models.CharField(blank=True, max_length=1000, verbose_name="filter")),
                ("columns", models.JSONField(blank=True, default=list, verbose_name="columns")),
                ("ordering", models.JSONField(blank=True, default=list, verbose_name="order")),
                ("shared_role", models.CharField(blank=True, choices=[("board_officer", "Board officer"), ("board_head", "Board head"), ("chairman", "Chairman"), ("chairman_office", "Chairman's office"), ("department_officer", "Department officer"), ("district_officer", "District officer"), ("commune_officer", "Commune officer"), ("central_observer", "Central observer"), ("technician", "Technician"), ("administrator", "Administrator")], max_length=40, verbose_name="shared with")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tcd_list_views", to=settings.AUTH_USER_MODEL, verbose_name="owner")),
            ],
            options={
                "verbose_name": "list view",
                "verbose_name_plural": "list views",
                "indexes": [models.Index(fields=["list_key", "shared_role"], name="list_view_shared")],
                "constraints": [models.UniqueConstraint(fields=("owner", "list_key", "kind", "name"), name="list_view_unique_name")],
            },
        ),
    ]
