"""Work done outside a request, on the job queue (Celery; see sites/celery.py):
deferred workflow effects, notification delivery, and the scheduled jobs of
`schedules.py` (reminders of legal deadlines, the monthly report, the nightly
integrity check). Every job is idempotent: run twice, it sends nothing twice."""

from contextlib import contextmanager


@contextmanager
def inline_jobs():
    """Run jobs in this process as they are enqueued (loading historic or demo data:
    its effects must be done when the load ends, without a worker)."""
    from celery import current_app

    before = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    try:
        yield
    finally:
        current_app.conf.task_always_eager = before
