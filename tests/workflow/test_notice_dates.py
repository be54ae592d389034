"""A result notice's tasks run from the notice: a deadline or a completion date before
the notice's date of issue (a draft: before its session's day) is refused in the
service, the desk and the API; a deadline typed in a draft that has passed when the
Chairman signs stops the signature."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import assign_task
from tiep_cong_dan.workflow.engine import TransitionRefused

from .conftest import DAY
from .helpers import at, set_state
from .test_notice_workflow import ISSUE_DAY, _issue
from .test_notice_workflow import notice as notice  # noqa: F401, PLC0414  (the fixture)


def _task(notice, **fields) -> Assignment:
    return Assignment(
        notice=notice,
        petition=notice.session.agenda_items.first().petition,
        agency=Agency.objects.get(code="SNNMT"),
        task="Trả lời công dân.",
        **fields,
    )


def test_a_draft_notice_takes_no_deadline_before_its_session(notice, role_users):
    with pytest.raises(ValidationError) as exc:
        assign_task(_task(notice, deadline=DAY - datetime.timedelta(days=3)))
    assert exc.value.error_dict["deadline"][0].code == "before_notice"
    assign_task(_task(notice, deadline=DAY + datetime.timedelta(days=30)))


def test_a_deadline_passed_by_the_signature_stops_it(notice, role_users):
    assign_task(_task(notice, deadline=ISSUE_DAY - datetime.timedelta(days=1)))
    ResultNotice.objects.filter(pk=notice.pk).update(
        signer_name="Hồ Tiến Thiệu", signer_title="Chủ tịch"
    )
    notice.refresh_from_db()
    drafted = at(datetime.date(2026, 3, 17))  # the deadline is still ahead then
    workflow.apply(notice, "review", by=role_users["truongban"], at=drafted)
    workflow.apply(notice, "submit", by=role_users["canbo"], at=drafted)
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(notice, "issue", by=role_users["chutich"], at=at(ISSUE_DAY, 10))
    assert "19/03/2026" in str(exc.value)
    notice.refresh_from_db()
    assert notice.state == "submitted" and not notice.number


def test_an_issued_notice_refuses_a_completion_before_its_issue(notice, role_users, login):
    _issue(notice, role_users)
    notice.refresh_from_db()
    assert notice.issued_date == ISSUE_DAY
    task = notice.assignments.first()
    task.done_on = ISSUE_DAY - datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as exc:
        task.full_clean()
    assert exc.value.error_dict["done_on"][0].code == "before_notice"
    # The API, as the agency reports.
    api = login("so_nnmt")
    response = api.patch(
        f"/api/v1/assignments/{task.pk}/",
        {"done_on": "2026-03-18", "report": "Đã trả lời."},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert "ngày ban hành" in str(response.json()["errors"])
    # The desk's follow-up form.
    client = login("canbo")
    url = reverse("admin:tiep_cong_dan_assignment_change", args=[task.pk])
    response = client.post(url, {"done_on": "18/03/2026", "report": "Đã trả lời."})
    assert response.status_code == 200 and "ngày ban hành" in response.content.decode()
    task.refresh_from_db()
    assert task.done_on is None


def test_the_api_refuses_a_task_dated_before_the_session(notice, login):
    set_state(notice, "draft")
    response = login("canbo").post(
        "/api/v1/assignments/",
        {
            "notice": notice.pk,
            "petition": notice.session.agenda_items.first().petition_id,
            "agency": Agency.objects.get(code="SNNMT").pk,
            "task": "Trả lời công dân.",
            "deadline": "2026-03-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert "deadline" in response.json()["errors"]
    assert (
        not ResultNotice.objects.get(pk=notice.pk)
        .assignments.filter(deadline=datetime.date(2026, 3, 1))
        .exists()
    )


def test_working_days_count_from_the_issue(notice, role_users):
    _issue(notice, role_users)
    for task in notice.assignments.all():
        assert task.deadline > ISSUE_DAY
