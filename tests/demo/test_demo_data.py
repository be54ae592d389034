"""The demo data `make run` loads goes through the real engine: a few months of it,
including an ad hoc session, must load without a refused step."""

import datetime

import pytest
from django.utils import timezone
from tiep_cong_dan.demo.generate import load_demo_data
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import PASSWORD


@pytest.mark.django_db
def test_three_months_with_an_ad_hoc_session_load_and_plan_ahead():
    create_demo_users(PASSWORD)
    counts = load_demo_data(first=datetime.date(2025, 8, 1), last=datetime.date(2025, 10, 31))
    assert counts["petitions"] >= 75 and counts["sessions"] >= 4
    assert ReceptionSession.objects.filter(kind="ad_hoc", state="closed").exists()
    # The year ahead: 12 periodic sessions from this month, the next one planned.
    ahead = ReceptionSession.objects.filter(kind="periodic", date__gte=timezone.localdate())
    assert ahead.count() == 12
    assert ahead.filter(state="planned").count() == 1
    assert (
        WorkflowEvent.objects.filter(doctype="petition", action="create").count()
        == counts["petitions"]
    )
    # The Board's monthly reports: August and September signed and sent on the 3rd.
    from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport

    reports = MonthlyReport.objects.order_by("period_start")
    assert [(r.period_start.month, r.state, r.number) for r in reports] == [
        (8, "sent", "01/BC-BTCD"),
        (9, "sent", "02/BC-BTCD"),
    ]


@pytest.mark.django_db
def test_the_demo_stays_valid_under_the_session_rules():
    """Each hearing within its session's hours; each session taken to "connected" with
    every point's connection recorded within the hour before the step (Art. 23)."""
    from tiep_cong_dan.doctype.reception_session.models import AgendaItem, PointConnection

    create_demo_users(PASSWORD)
    load_demo_data(first=datetime.date(2025, 8, 1), last=datetime.date(2025, 9, 30))
    items = AgendaItem.objects.select_related("session", "petition")
    assert items.exists()
    for item in items:
        item.full_clean()
    connected = WorkflowEvent.objects.filter(doctype="reception_session", action="connect")
    assert connected.exists()
    for event in connected:
        session = ReceptionSession.objects.get(pk=event.object_id)
        known = set(
            PointConnection.objects.filter(
                session=session,
                at__lte=event.at,
                at__gte=event.at - datetime.timedelta(hours=1),
            ).values_list("bridge_point_id", flat=True)
        )
        assert known == {p.pk for p in session.participant_points()}
        assert not event.overridden


@pytest.mark.django_db
def test_the_set_up_shows_progress_and_no_job_chatter(caplog):
    """Given the demo generator run as the set-up runs it, its console shows one
    progress step per month and then the final stage, and none of the jobs it runs
    inline logs its success."""
    import logging

    create_demo_users(PASSWORD)
    steps = []
    with caplog.at_level(logging.INFO):
        load_demo_data(
            first=datetime.date(2025, 8, 1),
            last=datetime.date(2025, 9, 30),
            progress=lambda done, total, what: steps.append((done, total, what)),
        )
    assert steps[:2] == [(1, 2, "08/2025"), (2, 2, "09/2025")]
    assert steps[-1] == (1, 1, "monthly reports, the sessions ahead")
    chatter = [r for r in caplog.records if "succeeded" in r.getMessage()]
    assert chatter == [], chatter[:3]
    assert not any(r.name.startswith("kombu") for r in caplog.records)
