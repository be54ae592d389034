"""The forecast on the queue page and the dashboard, per role; the threshold the Board
head sets; and the query budgets of the pages showing it (they do not grow with the
queue), with the proposals' list and form."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan.doctype.case_proposal.constants import ProposalGround
from tiep_cong_dan.doctype.case_proposal.models import CaseProposal
from tiep_cong_dan.doctype.case_proposal.services import propose_case
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.scheduling import planning
from tiep_cong_dan.scheduling.models import QueuePlanning
from tiep_cong_dan.scheduling.planning import plan, set_wait_threshold, shared_plan
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit, sign_in
from ..workflow.helpers import make_eligible, set_state

QUEUE = reverse("admin:tiep_cong_dan_petition_queue")
SERIAL = itertools.count(1)


def _approved(n: int, users, code: str = "05977") -> list:
    """`n` cases in the queue, each approved by the Chairman today (an event, as the
    arrivals are counted from them)."""
    unit = new_unit(code)
    found = []
    for _ in range(n):
        i = next(SERIAL)
        petition = make_eligible(
            make_petition(unit, make_citizen(unit, f"Người Chờ {i}", f"0203{i:08d}"))
        )
        set_state(petition, "approved")
        WorkflowEvent.objects.create(
            doctype="petition",
            object_id=petition.pk,
            action="approve",
            action_label="Chủ tịch chấp thuận",
            from_state="endorsed",
            to_state="approved",
            actor=users["chutich"],
            at=timezone.now() - datetime.timedelta(days=40),
        )
        found.append(petition)
    return found


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_each_case_gets_its_expected_hearing_and_the_board_the_plan(client, role_users):
    waiting = _approved(3, role_users)
    sign_in(client, "canbo")
    page = client.get(QUEUE).content.decode()
    expected = plan().base.cases[waiting[0].pk].hearing
    assert expected is not None and expected.strftime("%d/%m/%Y") in page
    assert 'id="tcd-forecast"' in page and 'id="tcd-what-ifs"' in page
    assert "Dự báo danh sách chờ 12 tháng tới" in page
    assert "Số vụ việc mới: 12 tháng qua có 3 vụ việc" in page
    assert 'id="tcd-threshold"' not in page  # the Board head sets it
    sign_in(client, "xa_dongkinh")  # a commune: its cases' dates, not the province's plan
    page = client.get(QUEUE).content.decode()
    assert expected.strftime("%d/%m/%Y") in page
    assert 'id="tcd-forecast"' not in page


def test_the_board_head_sets_the_threshold_and_longer_waits_are_marked(client, role_users):
    # A month with one session of two hearings: of five cases, the last three wait more
    # than a month.
    today = timezone.localdate()
    day = today + datetime.timedelta(days=5)
    ReceptionSession.objects.create(
        kind="periodic", date=day, presiding_official="Chủ tịch UBND tỉnh", capacity=2
    )
    _approved(5, role_users)
    sign_in(client, "canbo")
    assert client.post(QUEUE, {"threshold": "10"}).status_code == 403
    sign_in(client, "truongban")
    response = client.post(QUEUE, {"threshold": "mười"}, follow=True)
    assert response.status_code == 200 and not QueuePlanning.objects.exists()
    response = client.post(QUEUE, {"threshold": "0"}, follow=True)
    assert "Ngưỡng là số ngày, từ 1 đến 730." in response.content.decode()
    client.post(QUEUE, {"threshold": "20"})
    assert QueuePlanning.objects.get().wait_threshold_days == 20
    result = plan()
    flagged = [k for k in result.base.cases if result.flagged(k)]
    assert len(flagged) == 3  # heard at the following months' sessions, 20+ days away
    page = client.get(QUEUE).content.decode()
    assert page.count('data-flag="over-threshold"') == 3


def test_the_chairmans_dashboard_shows_the_queue_ahead(client, role_users):
    _approved(2, role_users)
    set_wait_threshold(45)
    sign_in(client, "chutich")
    page = client.get(reverse("admin:index")).content.decode()
    assert 'id="tcd-dash-forecast"' in page
    assert "Danh sách chờ trong 12 tháng tới" in page
    assert "quá 45 ngày" in page
    sign_in(client, "xa_dongkinh")
    assert 'id="tcd-dash-forecast"' not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("username", ["canbo", "truongban", "chutich", "xa_dongkinh"])
def test_the_queue_and_the_proposals_ask_no_more_as_they_grow(client, role_users, username):
    def grow(n):
        for petition in _approved(n, role_users):
            proposal = CaseProposal(petition=petition, ground=ProposalGround.OVER_HEADS)
            propose_case(proposal, by=role_users["xa_dongkinh"])

    grow(2)
    sign_in(client, username)
    first = CaseProposal.objects.order_by("pk").first()
    pages = [
        QUEUE,
        reverse("admin:index"),
        reverse("admin:tiep_cong_dan_caseproposal_changelist"),
        reverse("admin:tiep_cong_dan_caseproposal_change", args=[first.pk]),
    ]
    for url in pages:
        client.get(url)  # warm what is cached per process
    # Measured each time after a change, so that the shared forecast is computed anew
    # (by the first page) in both rounds.
    grow(1)
    before = {url: _count(client, url) for url in pages}
    grow(6)
    after = {url: _count(client, url) for url in pages}
    assert after == before


def test_a_long_queue_is_read_only_as_far_as_the_horizon_hears(role_users, monkeypatch):
    # given 12 queued cases, a horizon that hears at most 2 (so reads of 2 x 2 rows)
    from tiep_cong_dan.scheduling import planning

    _approved(12, role_users)
    monkeypatch.setattr(planning, "most_heard", lambda today, sessions: 2)
    monkeypatch.setattr(planning, "MIN_CHUNK", 3)
    with CaptureQueriesContext(connection) as queries:
        result = plan()
    # then reading stops after READ_FACTOR x 2 cases of one kind (8 rows, in fours), the
    # rest is counted, not read, and every unread case is past the horizon and flagged
    reads = [q for q in queries if "LIMIT 4" in q["sql"]]
    assert len(reads) == 2
    assert (result.queue_size, result.unread) == (12, 4)
    assert len(result.base.cases) == 8
    assert result.flagged_count >= 4
    assert result.base.months[0].queue_before == 12


def test_the_forecast_is_shared_until_what_it_reads_changes(role_users, monkeypatch):
    """One forecast for the queue page and the dashboards while nothing it reads has
    changed; a step, an edit of a case kept in its history, are seen at once."""
    from django.core.cache import cache

    cache.clear()
    waiting = _approved(2, role_users)
    computed = []
    monkeypatch.setattr(planning, "plan", lambda today: computed.append(today) or plan(today))
    assert shared_plan().queue_size == 2
    with CaptureQueriesContext(connection) as queries:
        assert shared_plan().queue_size == 2
    assert len(computed) == 1 and len(queries) == 2  # the threshold, the fingerprint

    _approved(1, role_users)  # a step: a workflow event
    assert shared_plan().queue_size == 3
    assert len(computed) == 2

    first = waiting[0]
    first.urgent = True
    first.save()  # an edit through the model: a row of its history
    assert next(iter(shared_plan().base.cases)) == first.pk  # urgent cases first
    assert len(computed) == 3
