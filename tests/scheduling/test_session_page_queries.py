"""The calendar and a session's progress ask the database the same number of times
however many sessions the month holds or however much the last step left (the session
form, the agenda board, the queue and the API lists are in tests/test_query_budgets.py)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.core import outbox
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.workflow.models import WorkflowEvent

from .test_agenda import _session


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_calendar_asks_the_same_for_2_or_6_sessions(login, role_users):
    url = reverse("admin:tiep_cong_dan_receptionsession_calendar") + "?month=2026-03"
    for day in (2, 9):
        _session(role_users, datetime.date(2026, 3, day))
    client = login("canbo")
    client.get(url)
    few = _count(client, url)
    for day in (16, 17, 23, 30):
        _session(role_users, datetime.date(2026, 3, day))
    assert _count(client, url) == few


def test_the_progress_asks_the_same_for_1_or_20_deliveries(login, role_users):
    session = _session(role_users, datetime.date(2026, 3, 16))
    event = WorkflowEvent.objects.filter(doctype="reception_session", object_id=session.pk).last()

    told = iter(range(100))

    def notify(n: int) -> None:
        for _ in range(n):
            note = Notification.objects.create(
                recipient=role_users["xa_dongkinh"],
                message=f"Kỳ tiếp đã được thông báo ({next(told)}).",
                event=event,
            )
            outbox.enqueue(
                "notification.deliver", key=f"notification:{note.pk}", notification=note.pk
            )

    url = reverse("admin:tiep_cong_dan_receptionsession_progress", args=[session.pk])
    client = login("canbo")
    notify(1)
    few = _count(client, url)
    notify(19)
    assert _count(client, url) == few
    assert client.get(url).json()["total"] == 20
