"""The steps the law makes mandatory: the Law Art. 28 notice before a case is heard or
closed (the Board head alone may go on without it, logged as an override), recorded in
any state; the refusal's reason explained in person (Decree 154 Art. 4(2)); a
denunciation heard online only under Decree 154 Art. 20(4)."""

import datetime

import pytest
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.petition.constants import (
    EligibilityBasis,
    PetitionKind,
    RefusalGround,
)
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.petition.services import record_acceptance_notice
from tiep_cong_dan.doctype.reception_session.models import AgendaItem
from tiep_cong_dan.workflow import TransitionRefused
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit
from .conftest import DAY
from .helpers import at, make_eligible, set_state, tell_citizen


@pytest.fixture
def petition(role_users):
    dk = new_unit("05977")
    return make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))


def _refused(doc, action, user, **kwargs) -> TransitionRefused:
    before = doc.state
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(doc, action, by=user, **kwargs)
    doc.refresh_from_db()
    assert doc.state == before
    return exc.value


# -- Law Art. 28: heard and closed only once the citizen was told ----------------
def test_a_case_is_not_heard_without_the_notice_and_only_the_board_head_overrides(
    session, role_users
):
    item = session.agenda_items.order_by("position").first()
    petition = item.petition
    set_state(petition, "scheduled")
    AgendaItem.objects.filter(pk=item.pk).update(heard=True)
    refused = _refused(petition, "hear", role_users["canbo"])
    assert refused.code == "condition_failed"
    assert "Law on Citizen Reception Art. 28" in str(refused)
    officer = _refused(petition, "hear", role_users["canbo"], override=True, comment="Gấp.")
    assert officer.code == "override_not_allowed"
    no_reason = _refused(petition, "hear", role_users["truongban"], override=True)
    assert no_reason.code == "comment_required"
    event = workflow.apply(
        petition,
        "hear",
        by=role_users["truongban"],
        override=True,
        comment="Công dân được thông báo trực tiếp tại buổi tiếp, văn bản bổ sung sau.",
    )
    assert petition.state == "heard"
    assert event.actor == role_users["truongban"]
    assert len(event.overridden) == 1 and "Art. 28" in event.overridden[0]


def test_the_board_head_cannot_override_the_other_rules_of_hearing(session, role_users):
    petition = session.agenda_items.first().petition
    set_state(petition, "scheduled")  # not heard at any session
    refused = _refused(petition, "hear", role_users["truongban"], override=True, comment="x")
    assert refused.code == "override_not_allowed"
    assert any("No session has recorded" in r for r in refused.reasons)


def test_a_case_closed_without_the_notice_is_refused_then_overridden_with_a_reason(
    petition, role_users
):
    Petition.objects.filter(pk=petition.pk).update(
        refusal_ground=RefusalGround.LAW_9_2,
        refusal_explained_by="Nguyễn Văn Tiếp",
        refusal_explained_on=petition.received_date,
    )
    petition.refresh_from_db()
    workflow.apply(petition, "refuse", by=role_users["canbo"], comment="Đe dọa cán bộ.")
    refused = _refused(petition, "close", role_users["canbo"])
    assert "has not been told whether the case is accepted" in str(refused)
    event = workflow.apply(
        petition, "close", by=role_users["truongban"], override=True, comment="Công dân bỏ đi."
    )
    assert petition.state == "closed" and event.overridden


def test_a_session_finishes_only_when_its_heard_cases_were_told(tested_session, role_users):
    session = tested_session
    first, second = session.agenda_items.order_by("position")
    AgendaItem.objects.filter(pk__in=[first.pk, second.pk]).update(heard=True)
    tell_citizen(second.petition)
    refused = _refused(session, "finish", role_users["canbo"], at=at(DAY, 17))
    assert first.petition.registration_number in str(refused)
    assert second.petition.registration_number not in str(refused)
    event = workflow.apply(
        session,
        "finish",
        by=role_users["truongban"],
        override=True,
        comment="Đã thông báo bằng lời tại buổi tiếp.",
        at=at(DAY, 17),
    )
    assert event.overridden
    heard = {
        e.object_id: e
        for e in WorkflowEvent.objects.filter(doctype="petition", action="hear", caused_by=event)
    }
    assert set(heard) == {first.petition_id, second.petition_id}
    # The case without the notice carries the override, by the Board head, with the reason.
    assert heard[first.petition_id].overridden and heard[first.petition_id].actor == (
        role_users["truongban"]
    )
    assert heard[first.petition_id].comment == "Đã thông báo bằng lời tại buổi tiếp."
    assert not heard[second.petition_id].overridden


@pytest.fixture
def tested_session(session, role_users):
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

    ReceptionSession.objects.filter(pk=session.pk).update(state="in_progress")
    session.refresh_from_db()
    for item in session.agenda_items.all():
        set_state(item.petition, "scheduled")
    return session


@pytest.mark.parametrize("state", ["endorsed", "approved", "scheduled", "heard", "closed"])
def test_the_officer_records_the_notice_in_any_state(petition, role_users, state):
    set_state(petition, state)
    told_on = datetime.date(2026, 3, 20)  # after the deadline of 16/03/2026
    event = record_acceptance_notice(
        petition, outcome="accepted", notified_on=told_on, by=role_users["canbo"]
    )
    petition.refresh_from_db()
    assert (event.action, event.from_state, event.to_state) == ("notify_acceptance", state, state)
    assert (petition.acceptance_outcome, petition.acceptance_notified_on) == ("accepted", told_on)
    assert petition.acceptance_notice_late and petition.state == state


def test_a_second_notice_keeps_the_first_day_and_a_bad_day_is_refused(petition, role_users):
    record_acceptance_notice(
        petition,
        outcome="extended",
        notified_on=datetime.date(2026, 3, 10),
        by=role_users["canbo"],
    )
    record_acceptance_notice(
        petition, outcome="accepted", notified_on=datetime.date(2026, 4, 1), by=role_users["canbo"]
    )
    petition.refresh_from_db()
    assert petition.acceptance_notified_on == datetime.date(2026, 3, 10)
    assert not petition.acceptance_notice_late
    with pytest.raises(Exception) as exc:
        record_acceptance_notice(
            petition,
            outcome="rejected",
            notified_on=datetime.date(2026, 2, 1),
            by=role_users["canbo"],
        )
    assert "before the petition was received" in str(exc.value)
    petition.refresh_from_db()
    assert petition.acceptance_outcome == "accepted"


# -- Decree 154 Art. 4(2): the reason explained in person -------------------------
def test_a_refusal_in_person_records_who_explained_the_reason_and_when(petition, role_users):
    Petition.objects.filter(pk=petition.pk).update(refusal_ground=RefusalGround.DECREE_4_A)
    petition.refresh_from_db()
    refused = _refused(petition, "refuse", role_users["canbo"], comment="Mang dao.")
    assert "explains the reason to them in person (Decree 154 Art. 4(2))" in str(refused)
    Petition.objects.filter(pk=petition.pk).update(
        refusal_explained_by="Nguyễn Văn Tiếp", refusal_explained_on=datetime.date(2026, 3, 2)
    )
    petition.refresh_from_db()
    workflow.apply(petition, "refuse", by=role_users["canbo"], comment="Mang dao.")
    assert petition.state == "refused"


def test_a_written_refusal_notice_ground_needs_no_explanation_in_person(petition, role_users):
    Petition.objects.filter(pk=petition.pk).update(refusal_ground=RefusalGround.DECREE_4_H)
    petition.refresh_from_db()
    workflow.apply(petition, "refuse", by=role_users["canbo"], comment="Không có tình tiết mới.")
    assert petition.state == "refused"


def test_an_explanation_needs_both_who_and_when(petition):
    petition.refusal_explained_by = "Nguyễn Văn Tiếp"
    with pytest.raises(Exception) as exc:
        petition.full_clean()
    assert "refusal_explained_on" in exc.value.message_dict


def test_a_late_refusal_notice_is_flagged(petition):
    Petition.objects.filter(pk=petition.pk).update(
        refusal_notice_due=datetime.date(2026, 3, 5),
        refusal_notice_number="03/TB-BTCD",
        refusal_notice_date=datetime.date(2026, 3, 9),
    )
    petition.refresh_from_db()
    assert petition.refusal_notice_late and not petition.refusal_notice_overdue


# -- Decree 154 Art. 20(4): a denunciation online --------------------------------
def _set(petition, **fields) -> None:
    Petition.objects.filter(pk=petition.pk).update(**fields)
    petition.refresh_from_db()


@pytest.fixture
def denunciation(role_users):
    dk = new_unit("05977")
    p = make_petition(
        dk, make_citizen(dk, "Lương Văn Cường", "020080000003"), kind=PetitionKind.DENUNCIATION
    )
    make_eligible(
        p,
        eligibility_basis=EligibilityBasis.DECREE_20_1,
        complex_case=False,
        confidentiality_ensured=False,
    )
    workflow.apply(p, "classify", by=role_users["canbo"])
    return p


def test_a_denunciation_is_not_proposed_on_a_basis_for_complaints(denunciation, role_users):
    for basis in (EligibilityBasis.DECREE_20_1, EligibilityBasis.DECREE_20_2):
        make_eligible(denunciation, eligibility_basis=basis, complex_case=True)
        refused = _refused(denunciation, "propose", role_users["canbo"])
        assert "only on the basis of Decree 154 Art. 20(4)" in str(refused)


def test_art_20_4_needs_a_complex_case_and_confidentiality_ensured(denunciation, role_users):
    _set(denunciation, eligibility_basis=EligibilityBasis.DECREE_20_4)
    reason = str(_refused(denunciation, "propose", role_users["canbo"]))
    assert "recorded as complex" in reason and "confidentiality can be ensured" in reason
    _set(denunciation, complex_case=True, identity_protection_requested=True)
    reason = str(_refused(denunciation, "propose", role_users["canbo"]))
    assert "confidentiality can be ensured" in reason and "recorded as complex" not in reason
    _set(denunciation, confidentiality_ensured=True)
    assert "asked for identity protection" in str(
        _refused(denunciation, "propose", role_users["canbo"])
    )
    _set(denunciation, identity_protection_requested=False)
    workflow.apply(denunciation, "propose", by=role_users["canbo"])
    assert denunciation.state == "proposed"


def test_art_20_4_is_for_denunciations_only(petition, role_users):
    make_eligible(petition, eligibility_basis=EligibilityBasis.DECREE_20_4)
    workflow.apply(petition, "classify", by=role_users["canbo"])
    assert "for denunciations only" in str(_refused(petition, "propose", role_users["canbo"]))


def test_the_chairman_cannot_approve_a_denunciation_changed_after_the_proposal(
    denunciation, role_users
):
    make_eligible(
        denunciation,
        eligibility_basis=EligibilityBasis.DECREE_20_4,
        complex_case=True,
        confidentiality_ensured=True,
    )
    workflow.apply(denunciation, "propose", by=role_users["canbo"])
    workflow.apply(denunciation, "endorse", by=role_users["truongban"])
    _set(denunciation, confidentiality_ensured=False)
    assert "confidentiality can be ensured" in str(
        _refused(denunciation, "approve", role_users["chutich"])
    )
