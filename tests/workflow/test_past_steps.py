"""Steps taken before the system kept the record: checked against the declared
transitions (not today's rules), appended with their own dates and marked as entered
from records, with no effect run and nothing owed to the outbox."""

import datetime

import pytest
from django.utils import timezone
from tiep_cong_dan import workflow
from tiep_cong_dan.core.models import HistoryImport, OutboxEntry
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit

RECEIVED = datetime.date(2026, 3, 2)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def steps(*pairs) -> list[workflow.PastStep]:
    return [workflow.PastStep(action, moment) for action, moment in pairs]


def test_replay_follows_the_declared_transitions_not_today_s_rules(master_data):
    """Proposing needs a basis, consent and the rest today; the records say it was
    proposed, endorsed and approved, and the declaration allows that path."""
    day = RECEIVED
    reached = workflow.replay_past(
        "petition",
        steps(
            ("classify", at(day, 9)),
            ("propose", at(day, 10)),
            ("endorse", at(day, 11)),
            ("approve", at(day, 14)),
        ),
        started_at=at(day, 8),
    )
    assert reached == "approved"


def test_a_step_the_declaration_does_not_allow_is_refused(master_data):
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.replay_past(
            "petition", steps(("hear", at(RECEIVED, 9))), started_at=at(RECEIVED, 8)
        )
    assert refused.value.code == "wrong_state"
    with pytest.raises(workflow.TransitionRefused) as unknown:
        workflow.replay_past(
            "petition", steps(("fly", at(RECEIVED, 9))), started_at=at(RECEIVED, 8)
        )
    assert unknown.value.code == "unknown_action"


def test_steps_out_of_date_order_are_refused(master_data):
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.replay_past(
            "petition",
            steps(("classify", at(RECEIVED, 9)), ("admit_in_person", at(RECEIVED, 8))),
            started_at=at(RECEIVED, 7),
        )
    assert refused.value.code == "out_of_order"
    assert "dated before the step that precedes it" in str(refused.value)


def test_recorded_steps_are_appended_on_their_days_without_effects(role_users):
    """A petition saved in the state its records lead to: its creation and each step
    appended as recorded, from the import, by nobody; no notification, no outbox."""
    unit = new_unit("05977")
    petition = make_petition(unit, make_citizen(unit, "Hà Văn Lâm", "020090000311"))
    first_events = set(WorkflowEvent.objects.values_list("pk", flat=True))
    source = HistoryImport.objects.create(checksum="a" * 64, file_name="so.xlsx")
    petition.state = "approved"
    petition.save()
    recorded = steps(
        ("classify", at(RECEIVED, 9)),
        ("propose", at(RECEIVED, 10)),  # effect notify_board_head: not run
        ("endorse", at(RECEIVED, 11)),  # effect notify_chairman: not run
        ("approve", at(RECEIVED, 14)),  # effect notify_approved: not run
    )
    assert workflow.record_past([(petition, at(RECEIVED, 8), recorded)], source=source) == 5
    added = WorkflowEvent.objects.exclude(pk__in=first_events).order_by("at", "id")
    assert [(e.action, e.from_state, e.to_state, e.at) for e in added] == [
        ("create", "", "received", at(RECEIVED, 8)),
        ("classify", "received", "classified", at(RECEIVED, 9)),
        ("propose", "classified", "proposed", at(RECEIVED, 10)),
        ("endorse", "proposed", "endorsed", at(RECEIVED, 11)),
        ("approve", "endorsed", "approved", at(RECEIVED, 14)),
    ]
    assert {(e.from_records_id, e.actor_id, e.object_id) for e in added} == {
        (source.pk, None, petition.pk)
    }
    assert added.last().snapshot["state"] == "approved"
    assert Notification.objects.count() == 0 and OutboxEntry.objects.count() == 0


def test_a_document_not_in_the_state_its_steps_lead_to_is_refused(role_users):
    unit = new_unit("05977")
    petition = make_petition(unit, make_citizen(unit, "Hà Văn Lâm", "020090000311"))
    source = HistoryImport.objects.create(checksum="b" * 64, file_name="so.xlsx")
    before = WorkflowEvent.objects.count()
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.record_past(
            [(petition, at(RECEIVED, 8), steps(("classify", at(RECEIVED, 9))))], source=source
        )
    assert refused.value.code == "not_saved_as_recorded"
    assert WorkflowEvent.objects.count() == before
