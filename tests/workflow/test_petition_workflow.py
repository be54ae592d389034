"""The petition workflow: who may take each step, and every legal rule it carries
(scheme III.2-III.3, Decree 154/2026 Art. 4 and 20, Law on Citizen Reception
Art. 9, 28 and 29)."""

import datetime

import pytest
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.petition.constants import (
    AcceptanceOutcome,
    EligibilityBasis,
    Jurisdiction,
    PetitionKind,
    RefusalGround,
)
from tiep_cong_dan.doctype.petition.models import Petition, PetitionRepresentative
from tiep_cong_dan.workflow.engine import TransitionRefused
from tiep_cong_dan.workflow.loader import definition
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit
from .helpers import approve_online, at, make_eligible, set_state, tell_citizen

# Who the law and the scheme let take each step (checked against the shipped file).
EXPECTED_ROLES = {
    "classify": {"canbo", "truongban"},
    "propose": {"canbo", "truongban"},
    "not_propose": {"canbo", "truongban"},
    "endorse": {"truongban"},
    "approve": {"chutich"},
    "reject": {"truongban", "chutich"},
    "return": {"truongban", "chutich"},
    "admit_in_person": {"truongban"},
    "prioritize": {"truongban"},
    "issue_reply": {"truongban"},
    "issue_refusal_notice": {"truongban"},
    # The Board's signature over the head's, by the Board's clerk (a Board officer).
    "seal_reply_letter": {"canbo", "truongban"},
    "seal_refusal_notice": {"canbo", "truongban"},
    "notify_acceptance": {"canbo", "truongban"},
    "transfer": {"canbo", "truongban"},
    "refuse": {"canbo", "truongban"},
    "withdraw": {"canbo", "truongban"},
    "schedule": {"canbo", "truongban"},
    "unschedule": {"canbo", "truongban"},
    "mark_not_reached": {"canbo", "truongban"},
    "hear": {"canbo", "truongban"},
    "conclude": {"canbo", "truongban"},
    "follow_up": {"canbo", "truongban"},
    "close": {"canbo", "truongban"},
    "void_duplicate": {"canbo", "truongban"},
}


@pytest.fixture
def petition(role_users):
    dk = new_unit("05977")
    return make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))


def _refusal(petition, action, user, **kwargs) -> TransitionRefused:
    before = petition.state
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(petition, action, by=user, **kwargs)
    petition.refresh_from_db()
    assert petition.state == before  # nothing half-done
    return exc.value


def test_every_petition_transition_is_covered_by_the_expected_roles(db):
    wf = definition("petition")
    assert set(wf.actions()) == set(EXPECTED_ROLES)


@pytest.mark.parametrize("action", sorted(EXPECTED_ROLES))
def test_each_transition_refuses_every_other_role(petition, role_users, action):
    """Given the petition in each state the step starts from, a user without the role
    is refused and the desk tells them; a user with it is offered the step."""
    wf = definition("petition")
    sources = {s for t in wf.transitions if t.action == action for s in t.sources}
    if "*" in sources:
        sources = {"received", "approved", "concluded"}
    for state in sorted(sources):
        set_state(petition, state)
        for username, user in role_users.items():
            offered = {o.action: o for o in workflow.options(user, petition)}
            if username in EXPECTED_ROLES[action]:
                assert offered[action].blocked_by in ("", "rules"), (action, state, username)
            else:
                refusal = _refusal(petition, action, user, comment="x")
                assert refusal.code == "not_allowed", (action, state, username)
                assert offered[action].blocked_by in ("role", "scope"), (action, username)


def test_scoped_users_cannot_act_outside_their_area(role_users, placed_petitions):
    # The Board head of the province acts everywhere; nobody scoped acts at all.
    kylua = placed_petitions["kylua"]
    assert _refusal(kylua, "classify", role_users["xa_dongkinh"]).code == "not_allowed"


def test_wrong_state_is_refused_with_the_current_state(petition, role_users):
    refusal = _refusal(petition, "approve", role_users["chutich"])
    assert refusal.code == "wrong_state"
    assert "the document is now “Đã tiếp nhận”" in str(refusal)


def test_receipt_sets_the_article_28_deadline_and_logs_the_receipt(petition):
    # Received Monday 02/03/2026: 10 working days later is Monday 16/03/2026.
    assert petition.acceptance_deadline == datetime.date(2026, 3, 16)
    first = WorkflowEvent.objects.get(doctype="petition", object_id=petition.pk)
    assert (first.action, first.from_state, first.to_state) == ("create", "", "received")


def test_article_28_notice_needs_an_outcome_and_is_dated(petition, role_users):
    refusal = _refusal(petition, "notify_acceptance", role_users["canbo"])
    assert "Choose what the citizen is told" in str(refusal)
    Petition.objects.filter(pk=petition.pk).update(acceptance_outcome=AcceptanceOutcome.ACCEPTED)
    petition.refresh_from_db()
    workflow.apply(
        petition, "notify_acceptance", by=role_users["canbo"], at=at(datetime.date(2026, 3, 5))
    )
    petition.refresh_from_db()
    assert petition.state == "received"  # a recorded step, not a move
    assert petition.acceptance_notified_on == datetime.date(2026, 3, 5)
    assert not petition.acceptance_overdue


def test_transfer_records_the_receiving_agency_and_letter(petition, role_users):
    refusal = _refusal(petition, "transfer", role_users["canbo"])
    assert "Record the receiving agency and the transfer letter" in str(refusal)
    Petition.objects.filter(pk=petition.pk).update(
        transferred_to=Agency.objects.get(code="SNNMT"), transfer_letter="12/BTCD-TD 04/03/2026"
    )
    petition.refresh_from_db()
    workflow.apply(petition, "transfer", by=role_users["canbo"])
    petition.refresh_from_db()
    assert petition.state == "transferred"
    assert petition.acceptance_outcome == AcceptanceOutcome.TRANSFERRED
    assert petition.acceptance_notified_on is not None


def test_classify_needs_a_jurisdiction(petition, role_users):
    assert "Determine the jurisdiction" in str(_refusal(petition, "classify", role_users["canbo"]))


class TestProposing:
    """Scheme III.2 / Decree 154 Art. 20: basis, consent or proposal, denouncer, group."""

    @pytest.fixture
    def classified(self, petition, role_users):
        make_eligible(petition)
        workflow.apply(petition, "classify", by=role_users["canbo"])
        return petition

    def _propose_refusal(self, petition, users, **fields) -> str:
        Petition.objects.filter(pk=petition.pk).update(**fields)
        petition.refresh_from_db()
        return str(_refusal(petition, "propose", users["canbo"]))

    def test_an_eligible_case_is_proposed(self, classified, role_users):
        workflow.apply(classified, "propose", by=role_users["canbo"])
        assert classified.state == "proposed"

    def test_needs_an_eligibility_basis(self, classified, role_users):
        reason = self._propose_refusal(
            classified, role_users, eligibility_basis=EligibilityBasis.NONE
        )
        assert "Record the basis for online reception" in reason

    def test_needs_consent(self, classified, role_users):
        reason = self._propose_refusal(classified, role_users, citizen_consent=False)
        assert "Record the citizen's consent" in reason

    def test_a_chairman_proposal_stands_in_for_consent_only_for_ad_hoc_cases(
        self, classified, role_users
    ):
        committee = Agency.objects.filter(kind="commune_committee").first()
        reason = self._propose_refusal(
            classified,
            role_users,
            citizen_consent=False,
            chairman_proposal="15/UBND ngày 01/03/2026",
            proposing_agency=committee,
        )
        assert "stands in for consent only for an ad hoc case" in reason
        Petition.objects.filter(pk=classified.pk).update(
            eligibility_basis=EligibilityBasis.SCHEME_2_2
        )
        classified.refresh_from_db()
        workflow.apply(classified, "propose", by=role_users["canbo"])
        assert classified.state == "proposed"

    def test_only_cases_within_the_chairmans_jurisdiction(self, classified, role_users):
        reason = self._propose_refusal(
            classified, role_users, jurisdiction=Jurisdiction.OTHER_AGENCY
        )
        assert "within the Chairman's jurisdiction" in reason

    def test_a_denouncer_who_asked_for_protection_is_not_heard_online(self, role_users):
        dk = new_unit("05977")
        denunciation = make_petition(
            dk, make_citizen(dk, "Lương Văn Cường", "020080000003"), kind=PetitionKind.DENUNCIATION
        )
        make_eligible(
            denunciation,
            eligibility_basis=EligibilityBasis.DECREE_20_4,
            identity_protection_requested=True,
            complex_case=True,
            confidentiality_ensured=True,
        )
        workflow.apply(denunciation, "classify", by=role_users["canbo"])
        reason = str(_refusal(denunciation, "propose", role_users["canbo"]))
        assert "asked for identity protection" in reason
        Petition.objects.filter(pk=denunciation.pk).update(identity_protection_requested=False)
        denunciation.refresh_from_db()
        workflow.apply(denunciation, "propose", by=role_users["canbo"])
        assert denunciation.state == "proposed"

    def test_a_group_needs_its_representatives(self, classified, role_users):
        reason = self._propose_refusal(classified, role_users, group_size=7)
        assert "A group of 7 petitioners appoints 1 to 2 representatives" in reason
        PetitionRepresentative.objects.create(petition=classified, citizen=classified.citizen)
        workflow.apply(classified, "propose", by=role_users["canbo"])
        assert classified.state == "proposed"

    def test_every_failing_rule_is_listed_at_once(self, classified, role_users):
        reason = self._propose_refusal(
            classified,
            role_users,
            eligibility_basis=EligibilityBasis.NONE,
            citizen_consent=False,
            group_size=6,
        )
        assert "basis" in reason and "consent" in reason and "representatives" in reason

    def test_board_head_then_chairman_approve(self, classified, role_users):
        workflow.apply(classified, "propose", by=role_users["canbo"])
        assert _refusal(classified, "approve", role_users["chutich"]).code == "wrong_state"
        workflow.apply(classified, "endorse", by=role_users["truongban"])
        workflow.apply(classified, "approve", by=role_users["chutich"])
        assert classified.state == "approved"


class TestNotProposedAndRejected:
    """Scheme III.3.1.b: a written reply with the reason, before the case can close."""

    def test_not_proposing_needs_a_reason_which_becomes_the_replys(self, petition, role_users):
        make_eligible(petition)
        workflow.apply(petition, "classify", by=role_users["canbo"])
        assert _refusal(petition, "not_propose", role_users["canbo"]).code == "comment_required"
        workflow.apply(
            petition, "not_propose", by=role_users["canbo"], comment="Công dân ở thành phố."
        )
        petition.refresh_from_db()
        assert petition.reply_reason == "Công dân ở thành phố."

    def test_rejected_cannot_close_before_the_reply_letter(self, petition, role_users):
        approve_online(petition, role_users)  # walks to approved
        set_state(petition, "endorsed")
        workflow.apply(petition, "reject", by=role_users["chutich"], comment="Đã giải quyết.")
        assert _refusal(petition, "close", role_users["canbo"]).code == "wrong_state"
        reason = str(_refusal(petition, "issue_reply", role_users["truongban"]))
        assert "Record the reply letter's number and date" in reason
        Petition.objects.filter(pk=petition.pk).update(
            reply_letter_number="25/BTCD-TL", reply_letter_date=datetime.date(2026, 3, 10)
        )
        petition.refresh_from_db()
        workflow.apply(petition, "issue_reply", by=role_users["truongban"])  # signs the letter
        tell_citizen(petition)
        workflow.apply(petition, "close", by=role_users["canbo"])
        assert petition.state == "closed"

    def test_close_rule_holds_even_if_the_board_adds_a_shortcut(self, petition, role_users):
        """reply_issued_if_required guards closing whatever path led there."""
        from tiep_cong_dan.doctype.petition.workflow_rules import reply_issued_if_required
        from tiep_cong_dan.workflow.engine import TransitionContext

        make_eligible(petition)
        workflow.apply(petition, "classify", by=role_users["canbo"])
        workflow.apply(petition, "not_propose", by=role_users["canbo"], comment="Lý do.")
        wf = definition("petition")
        ctx = TransitionContext(
            petition, wf.transitions[0], wf, None, "", at(datetime.date(2026, 3, 9)), "not_proposed"
        )
        assert "cannot close before the reply letter" in reply_issued_if_required(ctx)
        petition.reply_letter_number, petition.reply_letter_date = "1/TL", datetime.date(2026, 3, 9)
        assert reply_issued_if_required(ctx) is None


class TestRefusal:
    """Law Art. 9, Decree 154 Art. 4: a ground; form 01/TCD within 3 working days."""

    def test_needs_a_ground_and_a_comment(self, petition, role_users):
        refusal = _refusal(petition, "refuse", role_users["canbo"], comment="Gây rối.")
        assert "Choose the ground for refusal" in str(refusal)

    def test_an_already_resolved_case_needs_the_notice_within_3_working_days(
        self, petition, role_users
    ):
        Petition.objects.filter(pk=petition.pk).update(refusal_ground=RefusalGround.LAW_9_3)
        petition.refresh_from_db()
        # Friday 06/03/2026 + 3 working days = Wednesday 11/03/2026.
        workflow.apply(
            petition,
            "refuse",
            by=role_users["canbo"],
            comment="Đã giải quyết đúng.",
            at=at(datetime.date(2026, 3, 6)),
        )
        petition.refresh_from_db()
        assert petition.refusal_notice_due == datetime.date(2026, 3, 11)
        assert "refusal notice (form 01/TCD)" in str(
            _refusal(petition, "close", role_users["canbo"])
        )
        Petition.objects.filter(pk=petition.pk).update(
            refusal_notice_number="03/TB-BTCD", refusal_notice_date=datetime.date(2026, 3, 10)
        )
        tell_citizen(petition)
        workflow.apply(petition, "close", by=role_users["canbo"])
        assert petition.state == "closed"

    def test_other_grounds_need_no_written_notice(self, petition, role_users):
        # Decree 154 Art. 4(2): the reason is explained in person, by whom and when.
        Petition.objects.filter(pk=petition.pk).update(
            refusal_ground=RefusalGround.LAW_9_2,
            refusal_explained_by="Nguyễn Văn Tiếp",
            refusal_explained_on=petition.received_date,
        )
        petition.refresh_from_db()
        workflow.apply(petition, "refuse", by=role_users["canbo"], comment="Đe dọa cán bộ.")
        petition.refresh_from_db()
        assert petition.refusal_notice_due is None
        tell_citizen(petition)
        workflow.apply(petition, "close", by=role_users["canbo"])


def test_withdrawal_from_any_open_state_needs_a_comment(petition, role_users):
    for state in ("received", "approved", "scheduled", "concluded"):
        set_state(petition, state)
        assert _refusal(petition, "withdraw", role_users["canbo"]).code == "comment_required"
    workflow.apply(petition, "withdraw", by=role_users["canbo"], comment="Công dân rút đơn.")
    assert petition.state == "withdrawn"
    assert _refusal(petition, "withdraw", role_users["canbo"], comment="x").code == "wrong_state"


def test_proposed_petition_is_frozen_for_officers_but_not_the_board_head(petition, role_users):
    from tiep_cong_dan.access.rules import rule_for

    rule = rule_for(Petition)
    assert rule.can_change(role_users["canbo"], petition)
    approve_online(petition, role_users)
    set_state(petition, "proposed")
    assert not rule.can_change(role_users["canbo"], petition)
    assert rule.can_change(role_users["truongban"], petition)
    set_state(petition, "approved")
    assert not rule.can_change(role_users["truongban"], petition)


def test_a_step_that_wants_a_reason_is_offered_before_the_reason_is_typed(petition, role_users):
    approve_online(petition, role_users)
    set_state(petition, "endorsed")
    offered = {o.action: o for o in workflow.options(role_users["chutich"], petition)}
    assert offered["reject"].allowed and offered["approve"].allowed


def test_the_same_article_28_notice_is_not_recorded_twice(petition, role_users):
    Petition.objects.filter(pk=petition.pk).update(acceptance_outcome=AcceptanceOutcome.EXTENDED)
    petition.refresh_from_db()
    workflow.apply(petition, "notify_acceptance", by=role_users["canbo"])
    assert "already recorded" in str(_refusal(petition, "notify_acceptance", role_users["canbo"]))
    Petition.objects.filter(pk=petition.pk).update(acceptance_outcome=AcceptanceOutcome.ACCEPTED)
    petition.refresh_from_db()
    workflow.apply(petition, "notify_acceptance", by=role_users["canbo"])


def test_a_steps_comment_is_normalised_and_held_to_its_limit(petition, role_users):
    from tiep_cong_dan.core.validators import SHORT_TEXT

    # given a withdrawal whose comment is a copy of a whole file
    refused = _refusal(petition, "withdraw", role_users["canbo"], comment="x" * (SHORT_TEXT + 1))
    assert refused.code == "comment_too_long" and petition.state != "withdrawn"
    assert str(SHORT_TEXT) in refused.message
    # when the comment carries a right-to-left override, it is kept without it
    event = workflow.apply(
        petition, "withdraw", by=role_users["canbo"], comment="Công dân \u202erút\u202c đơn.\r\n"
    )
    assert event.comment == "Công dân rút đơn."
