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
    # The year ahead: 12 periodic sessions from this month, the next one approved and
    # announced (the public schedule shows it).
    ahead = ReceptionSession.objects.filter(kind="periodic", date__gte=timezone.localdate())
    assert ahead.count() == 12
    assert ahead.filter(state="announced").count() == 1
    # Online requests: one of each outcome, two waiting for the Board, one for its code.
    from tiep_cong_dan.doctype.reception_request.models import ReceptionRequest

    states = sorted(ReceptionRequest.objects.values_list("state", flat=True))
    assert states == ["awaiting_phone", "converted", "declined", "submitted", "submitted"]
    converted = ReceptionRequest.objects.get(state="converted")
    assert converted.petition.citizen.full_name == "Hoàng Thị Nguyệt"
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
    # One notice corrected: replaced by a signed, sealed and sent notice of its session.
    from tiep_cong_dan.doctype.result_notice.models import ResultNotice

    [replaced] = ResultNotice.objects.filter(state="replaced")
    assert replaced.replaced_by.state == "distributed"
    assert replaced.replaced_by.session_id == replaced.session_id
    assert not replaced.assignments.filter(state="open").exists()


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


@pytest.mark.django_db
def test_every_demo_step_goes_through_the_engine_with_its_event_history_and_outbox(
    monkeypatch,
):
    """Each step the demo takes is a workflow step: its event dated when the step would
    have happened, by the demo user of the role, the document's change history holding
    the state it reached, and what the step's declaration notifies owed in the outbox."""
    from tiep_cong_dan.core.models import OutboxEntry
    from tiep_cong_dan.demo.generate import ACTORS, DemoBuilder
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.workflow.bindings import doctype_of
    from tiep_cong_dan.workflow.loader import definition

    taken = []
    act = DemoBuilder.act

    def recording(self, doc, action, day, hour, who, **kwargs):
        event = act(self, doc, action, day, hour, who, **kwargs)
        taken.append((doctype_of(doc), doc.pk, action, self._at(day, hour), who, event.pk))
        return event

    monkeypatch.setattr(DemoBuilder, "act", recording)
    create_demo_users(PASSWORD)
    load_demo_data(first=datetime.date(2025, 8, 1), last=datetime.date(2025, 9, 30))
    assert len(taken) > 100
    events = WorkflowEvent.objects.in_bulk([pk for *_, pk in taken])
    owed = set(OutboxEntry.objects.values_list("key", flat=True))
    for doctype, pk, action, at, who, event_pk in taken:
        event = events[event_pk]
        assert (event.doctype, event.object_id, event.action, event.at) == (
            doctype,
            pk,
            action,
            at,
        )
        assert event.actor.username == ACTORS[who]
        declared = definition(doctype).find(action, event.from_state)
        assert declared is not None and declared.target_for(event.from_state) == event.to_state
        if declared.notifications:
            assert f"notify:{event.pk}" in owed
    # The change history keeps, for each petition, every state its steps reached.
    for petition in Petition.objects.all():
        kept = set(petition.history.values_list("state", flat=True))
        reached = set(
            WorkflowEvent.objects.filter(doctype="petition", object_id=petition.pk).values_list(
                "to_state", flat=True
            )
        )
        assert reached <= kept, petition.pk
