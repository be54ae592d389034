"""What a step owes is never lost: with the broker down a step still succeeds, quickly,
with its deferred effect kept in the outbox; the minute job then delivers it once, and
running it again delivers nothing more."""

import datetime
import logging
import time

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient
from tiep_cong_dan.api.models import ApiToken
from tiep_cong_dan.core import outbox
from tiep_cong_dan.core.models import OutboxEntry
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.jobs import tasks
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import sign_in
from ..jobs.conftest import CLOSED_PORT_BROKER, broker_at

# A step with the broker down must answer well within this (seconds).
QUICK = 1.5


def _report_in_the_desk(client, task) -> int:
    sign_in(client, "so_nnmt")
    url = reverse("admin:tiep_cong_dan_assignment_workflow", args=[task.pk])
    return client.post(url, {"action": "report", "state": "open"}).status_code


def _report_through_the_api(client, task) -> int:
    from django.contrib.auth.models import User

    _, key = ApiToken.issue(User.objects.get(username="so_nnmt"), "test")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.post(
        f"/api/v1/assignments/{task.pk}/actions/",
        {"action": "report", "expected_state": "open"},
        format="json",
    )
    return response.status_code


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "report,expected",
    [(_report_in_the_desk, 302), (_report_through_the_api, 200)],
    ids=["desk", "api"],
)
def test_a_step_succeeds_with_the_broker_down_and_its_effect_is_delivered_once(
    client, open_task, report, expected, caplog
):
    board_officer = "canbo@langson.gov.vn"
    # Given the broker is down, when the agency reports on its task
    with broker_at(CLOSED_PORT_BROKER), caplog.at_level(logging.WARNING):
        started = time.monotonic()
        status = report(client, open_task)
        took = time.monotonic() - started
        # then the step is taken, at once, and what it owes waits in the outbox
        assert status == expected
        assert took < QUICK, took
        open_task.refresh_from_db()
        assert open_task.state == "reported"
        event = WorkflowEvent.objects.get(doctype="assignment", action="report")
        entry = OutboxEntry.objects.get()
        assert (entry.task, entry.key, entry.state, entry.attempts) == (
            "workflow.notify",
            f"notify:{event.pk}",
            "pending",
            0,
        )
        # What the step declared (doctype/result_notice/assignment.yaml), kept with the entry.
        assert entry.arguments["doctype"] == "assignment"
        assert entry.arguments["event"] == event.pk
        assert [n["to"] for n in entry.arguments["notify"]] == [["board_officer"]]
        assert not Notification.objects.exists() and mail.outbox == []
        assert "not handed to the job queue" in caplog.text

        # When the minute job runs (the broker still down)
        ran = tasks.outbox_sweep()
    # then the effect ran and its notification was e-mailed, each once
    assert ran == {"done": 2, "retrying": 0, "failed": 0, "removed": 0}
    told = Notification.objects.get()
    assert told.recipient.username == "canbo" and told.event_id == event.pk
    assert [m.to for m in mail.outbox] == [[board_officer]]
    assert set(OutboxEntry.objects.values_list("task", "state", "attempts")) == {
        ("workflow.notify", "done", 1),
        ("notification.deliver", "done", 1),
    }
    # And run again, nothing more is sent
    assert tasks.outbox_sweep()["done"] == 0
    for entry in OutboxEntry.objects.all():
        assert outbox.run(entry.pk) == "skipped"
    assert outbox.retry_now(list(OutboxEntry.objects.values_list("pk", flat=True))) == {
        "done": 0,
        "not_done": 0,
        "later": 0,
    }
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def _vietnamese(text: str) -> str:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("vi"):
        return gettext(text)


def test_a_large_bulk_step_with_the_broker_down_does_nothing_and_says_why(login):
    from tiep_cong_dan.doctype.petition.models import Petition

    from ..conftest import make_citizen, make_petition, new_unit
    from ..workflow.helpers import make_eligible

    dk = new_unit("05977")
    ready = [
        make_eligible(make_petition(dk, make_citizen(dk, f"A{i}", f"0200901{i:05d}")))
        for i in range(22)
    ]
    client = login("canbo")
    changelist = reverse("admin:tiep_cong_dan_petition_changelist")
    # Given the broker is down, when the Board classifies 22 petitions at once
    with broker_at(CLOSED_PORT_BROKER):
        response = client.post(
            changelist,
            {"action": "workflow_classify", "_selected_action": [p.pk for p in ready]},
            follow=True,
        )
    # then the list comes back saying why, and not one petition was stepped
    assert response.status_code == 200 and response.redirect_chain == [(changelist, 302)]
    assert (
        _vietnamese(
            "The job queue cannot be reached just now, so nothing was done. Try again "
            "in a few minutes, or select at most %(limit)s documents to do them at once."
        )
        % {"limit": 20}
        in response.content.decode()
    )
    assert not Petition.objects.filter(state="classified").exists()


def test_a_long_document_with_the_broker_down_is_refused_with_a_message(login, role_users):
    from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
    from tiep_cong_dan.doctype.monthly_report.services import draft_monthly_report

    half_year = draft_monthly_report(
        MonthlyReport(
            period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 6, 30)
        ),
        by=role_users["canbo"],
    )
    url = reverse("admin:tiep_cong_dan_document", args=["monthly_report", half_year.pk, "pdf"])
    client = login("chutich")
    with broker_at(CLOSED_PORT_BROKER):
        response = client.get(url, follow=True)
    page = reverse("admin:tiep_cong_dan_monthlyreport_change", args=[half_year.pk])
    assert response.status_code == 200 and response.redirect_chain == [(page, 302)]
    assert (
        _vietnamese(
            "The job queue cannot be reached just now, so this long document cannot be "
            "made. Try again in a few minutes."
        )
        in response.content.decode()
    )
