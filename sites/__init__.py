# The job queue is loaded with Django, so tasks enqueued from the site use its settings.
from .celery import app as celery_app

__all__ = ["celery_app"]
