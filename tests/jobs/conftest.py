"""The job queue as a test wants it (pointed at another broker, a closed port for an
outage, jobs sent instead of run inline), and an agency's task ready to report on."""

import datetime
from contextlib import contextmanager

import pytest
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice

from sites.celery import app

# Nothing listens here: connecting is refused at once, as with a stopped Redis.
CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


def _drop_connections() -> None:
    # Only the app's references: kombu keeps one pool per broker for the process, and
    # the worker test's own pool must stay open for the next test.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_at(url: str):
    """Jobs go to the broker at `url` (not inline) until the block ends."""
    before = app.conf.broker_url, app.conf.task_always_eager
    _drop_connections()
    app.conf.broker_url, app.conf.task_always_eager = url, False
    try:
        yield
    finally:
        _drop_connections()
        app.conf.broker_url, app.conf.task_always_eager = before


@pytest.fixture
def open_task(placed_petitions) -> Assignment:
    """An issued notice's task for Sở Nông nghiệp và Môi trường, its report written."""
    petition = placed_petitions["dongkinh"]
    session = ReceptionSession.objects.create(
        kind="periodic", date=datetime.date(2026, 3, 16), presiding_official="Chủ tịch"
    )
    notice = ResultNotice.objects.create(session=session, number="01/TB-UBND", state="issued")
    Conclusion.objects.create(notice=notice, petition=petition, text="Giao Sở kiểm tra.")
    return Assignment.objects.create(
        notice=notice,
        petition=petition,
        task="Kiểm tra, trả lời công dân.",
        agency=Agency.objects.get(code="SNNMT"),
        deadline=datetime.date(2026, 4, 30),
        report="Đã kiểm tra, trả lời công dân.",
        done_on=datetime.date(2026, 4, 2),
    )
