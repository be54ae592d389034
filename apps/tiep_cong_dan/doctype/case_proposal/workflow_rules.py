"""Rules, effects and audiences of the proposal workflow (case_proposal.yaml)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...access.roles import BOARD
from ...core.records import save_changes
from ...workflow.notifications import Recipients, message_values, recipients
from ...workflow.registry import condition, effect, reserve
from .constants import BASIS_OF_GROUND, PROPOSABLE_PETITION_STATES

R = "case_proposal"


@condition(R, "petition_still_open", gettext_lazy("The case is still open to a proposal"))
def petition_still_open(ctx):
    petition = ctx.doc.petition
    if petition.state not in PROPOSABLE_PETITION_STATES:
        return _("The case is %(state)s: decline the proposal, giving that reason.") % {
            "state": petition.get_state_display()
        }


@condition(R, "decline_reason_given", gettext_lazy("The reason for declining is given"))
def decline_reason_given(ctx):
    if not (ctx.comment or ctx.doc.decline_reason).strip():
        return _("Give the reason: the commune or district is told it.")


@effect(R, "record_decline_reason", gettext_lazy("Keep the comment as the reason for declining"))
def record_decline_reason(ctx):
    if ctx.comment:
        ctx.doc.decline_reason = ctx.comment


def _proposal_words(proposal) -> str:
    who = proposal.proposing_agency or proposal.proposing_unit
    day = timezone.localtime(proposal.proposed_at).strftime("%d/%m/%Y")
    words = _("Proposed by %(who)s on %(day)s") % {"who": who, "day": day}
    if proposal.letter:
        words += f" ({proposal.letter})"
    return words[:255]


@effect(
    R,
    "carry_proposal_to_petition",
    gettext_lazy(
        "Record the proposal on the case (proposing committee, basis) and propose it "
        "for online reception when it is classified and its rules allow"
    ),
    follow_on=True,
)
def carry_proposal_to_petition(ctx):
    from ... import workflow
    from ...workflow.engine import TransitionRefused

    proposal = ctx.doc
    petition = proposal.petition
    changes = {}
    if not petition.chairman_proposal:
        changes["chairman_proposal"] = _proposal_words(proposal)
    if petition.proposing_agency_id is None and proposal.proposing_agency_id:
        changes["proposing_agency"] = proposal.proposing_agency
    basis = BASIS_OF_GROUND.get(proposal.ground)
    if not petition.eligibility_basis and basis:
        changes["eligibility_basis"] = basis
    if changes:
        try:
            petition = save_changes(petition, changes, by=ctx.user)
        except ValidationError:
            # A basis that does not fit the case's kind (a denunciation): the Board
            # records the case's basis itself; the proposal is still accepted.
            changes.pop("eligibility_basis", None)
            petition = save_changes(petition, changes, by=ctx.user) if changes else petition
    if petition.state != "classified":
        return  # the Board classifies it first, or it is past proposing already
    try:
        workflow.apply(
            petition,
            "propose",
            by=ctx.user,
            comment=_("On the proposal of %(who)s.")
            % {"who": proposal.proposing_agency or proposal.proposing_unit},
            at=ctx.at,
            caused_by=ctx.event,
        )
    except TransitionRefused:
        pass  # what the case still lacks shows on its own page; the Board proposes it


@message_values(R, placeholders=("number",))
def proposal_values(doc) -> dict:
    return {"number": doc.petition.registration_number}


@recipients(R, "proposer", gettext_lazy("The officer who made the proposal"))
def proposer(doc):
    if doc.proposed_by_id and doc.proposed_by.is_active:
        yield Recipients([doc.proposed_by], doc, {})


# -- Steps the scheme reserves ---------------------------------------------------
# The Board classifies what reaches it and proposes to the Chairman (scheme III.3.1.b,
# V.1.1); a proposal it does not take up is answered with the reason.
reserve(
    R,
    "accept",
    roles=BOARD,
    conditions=("petition_still_open",),
    effects=("carry_proposal_to_petition",),
    from_states={"submitted"},
    guards=("accepted",),
    source="Đề án tiếp công dân trực tuyến, mục III.3.1.b và V.1.1 (Ban Tiếp công dân phân "
    "loại, đề xuất); mục V.1.3 (UBND cấp huyện, cấp xã đề xuất)",
)
reserve(
    R,
    "decline",
    roles=BOARD,
    conditions=("decline_reason_given",),
    effects=("record_decline_reason",),
    from_states={"submitted"},
    guards=("declined",),
    source="Đề án tiếp công dân trực tuyến, mục III.3.1.b (không đề xuất thì nêu rõ lý do)",
)
