"""The job queue (Celery): Redis as broker when REDIS_URL is set, a folder queue on the
embedded default; results in the database (django-celery-results) and schedules
editable in the desk (django-celery-beat). Worker and beat:

    celery -A sites worker -B -l info
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.dev")

app = Celery("tiep_cong_dan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["tiep_cong_dan.jobs"])
