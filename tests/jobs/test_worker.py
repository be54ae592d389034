"""A real Celery worker on the real Redis broker runs the jobs: the scheduled ones by
their registered names (as beat sends them), a workflow step's deferred notification,
and its e-mail; each recorded as a run with its result; a job sent twice does its work
once; what a step owes is run from the outbox, whether it was handed over at the
commit or left for the minute job by a broker that was down."""

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


@pytest.mark.django_db(transaction=True)
def test_the_worker_imports_a_register_in_the_background(worker, client, tmp_path, settings):
    """The upload returns at once; the worker checks the rows while the page shows
    how far it got and another officer registers a case; then it imports them all."""
    import time

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from tiep_cong_dan.demo.users import create_demo_users
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.imports.models import ImportJob

    from ..conftest import make_citizen, make_petition, new_unit, sign_in
    from ..imports.test_registers import GOOD, _book

    settings.MEDIA_ROOT = str(tmp_path / "media")
    ensure_master_data()
    create_demo_users(PASSWORD)
    sign_in(client, "canbo")
    rows = [GOOD[i % 3] for i in range(600)]
    data = _book(tmp_path, rows).read_bytes()
    upload = client.post(
        reverse("admin:tiep_cong_dan_petition_import"),
        {"file": SimpleUploadedFile("so.xlsx", data)},
    )
    job_url = upload["Location"]
    dk = new_unit("05977")
    make_petition(dk, make_citizen(dk, "Hà Thị Gấm", "020190000777"))  # saved meanwhile

    def watch(final: str) -> list[tuple[str, int, int]]:
        seen, deadline = [], time.monotonic() + 120
        while time.monotonic() < deadline:
            job = ImportJob.objects.get()
            seen.append((job.state, job.done, job.total))
            if job.state == final:
                return seen
            time.sleep(0.05)
        raise AssertionError(f"the import did not reach {final}: {seen[-1]}")

    seen = watch("checked")
    assert any(state == "checking" and 0 < done < total == 600 for state, done, total in seen)
    assert "không có lỗi" in client.get(job_url).content.decode()
    assert Petition.objects.count() == 1
    client.post(job_url, {"action": "commit"})
    watch("done")
    job = ImportJob.objects.get()
    assert (job.done, job.total, len(job.outcome)) == (600, 600, 600) and not job.file
    assert Petition.objects.count() == 601


def _wait_for(check, seconds: int = 30) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return check()


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_what_steps_owe(open_task, role_users):
    from django_celery_results.models import TaskResult
    from tiep_cong_dan import workflow
    from tiep_cong_dan.core.models import OutboxEntry

    from .conftest import CLOSED_PORT_BROKER, broker_at

    # Given a step taken while the broker was down: what it owes waits in the outbox
    with broker_at(CLOSED_PORT_BROKER):
        workflow.apply(open_task, "report", by=role_users["so_nnmt"])
    assert list(OutboxEntry.objects.values_list("task", "state")) == [
        ("workflow.notify", "pending")
    ]
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            # When beat sends the minute job, the worker runs the effect and its e-mail
            swept = app.send_task("tcd.outbox_sweep").get(timeout=60)
            assert (swept["done"], swept["failed"]) == (2, 0)
            assert [m.to for m in mail.outbox] == [["canbo@langson.gov.vn"]]
            # and a step taken with the broker up is handed to the worker at its commit
            workflow.apply(open_task, "return", by=role_users["canbo"], comment="Bổ sung.")
            assert _wait_for(lambda: len(mail.outbox) == 2)
            assert _wait_for(lambda: not OutboxEntry.objects.exclude(state="done").exists())
    finally:
        app.conf.task_always_eager = True
    assert mail.outbox[1].to == ["so_nnmt@langson.gov.vn"]
    assert Notification.objects.count() == 2
    assert OutboxEntry.objects.filter(state="done").count() == 4
    # The e-mail entry the sweep wrote was also handed to the queue; the sweep had run it
    # by the time the worker took it, so that run found nothing left to do.
    runs = TaskResult.objects.filter(task_name="tcd.outbox_run", status="SUCCESS")
    assert sorted(runs.values_list("result", flat=True)) == ['"done"', '"done"', '"skipped"']
