"""A real Celery worker on the real Redis broker runs the jobs: the scheduled ones by
their registered names (as beat sends them), a workflow step's deferred notification,
and its e-mail; each recorded as a run with its result; a job sent twice does its work
once."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
from tiep_cong_dan.doctype.notification.models import Notification

from sites.celery import app

from ..conftest import PASSWORD, ensure_master_data


@pytest.fixture
def worker():
    """A worker thread consuming from Redis, jobs no longer run inline."""
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_scheduled_jobs_once(worker):
    from django.contrib.auth.models import User
    from django_celery_results.models import TaskResult
    from tiep_cong_dan.demo.users import create_demo_users
    from tiep_cong_dan.jobs.schedules import DEFAULTS, load_schedules

    ensure_master_data()
    create_demo_users(PASSWORD)
    load_schedules()
    for task_name, *_ in DEFAULTS.values():
        assert task_name in app.tasks, task_name  # beat's rows name real tasks
    first = app.send_task("tcd.monthly_report", kwargs={"day": "2026-04-02"})
    again = app.send_task("tcd.monthly_report", kwargs={"day": "2026-04-02"})
    assert first.get(timeout=60) == again.get(timeout=60)
    assert MonthlyReport.objects.count() == 1
    officer = User.objects.get(username="canbo")
    assert Notification.objects.filter(recipient=officer).count() == 1
    # The notification was e-mailed by the worker (a job enqueued after commit).
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=30)
    while datetime.datetime.now() < deadline and not any(
        officer.email in m.to for m in mail.outbox
    ):
        import time

        time.sleep(0.2)
    assert any(officer.email in m.to for m in mail.outbox)
    runs = TaskResult.objects.filter(task_name="tcd.monthly_report", status="SUCCESS")
    assert runs.count() == 2
    check = app.send_task("tcd.integrity_check", kwargs={"day": "2026-04-02"})
    assert check.get(timeout=60)["problems"] == 0
