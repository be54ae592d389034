"""Writes of proposals: a commune or district officer proposes a case of their area
(or registers a new one on the citizen's behalf and proposes it) for the Chairman's
online reception; the Board's decision is a workflow step (case_proposal.yaml)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ... import workflow
from ...access.roles import BOARD, roles_of
from ...access.rules import rule_for
from ...access.scope import unit_scope_ids
from ..agency.constants import AgencyKind
from ..agency.models import Agency
from ..citizen.models import Citizen
from ..citizen.services import record_citizen
from ..notification.services import notify_roles
from ..petition.models import Petition
from ..petition.services import register_petition
from .constants import PROPOSABLE_PETITION_STATES, ProposalGround, ProposalState
from .models import CaseProposal

OUTSIDE_AREA = "outside_area"


def _own_unit(user):
    """The unit an officer works for (the first unit of their scope)."""
    scope = user.tcd_scopes.exclude(unit=None).select_related("unit").order_by("pk").first()
    return scope.unit if scope else None


def _committee_of(unit) -> Agency | None:
    return (
        Agency.objects.filter(
            unit=unit,
            kind__in=[AgencyKind.COMMUNE_COMMITTEE, AgencyKind.DISTRICT_COMMITTEE],
        )
        .order_by("pk")
        .first()
    )


def _check_area(petition: Petition, by) -> None:
    """A unit officer proposes only the cases of their area: one outside it is refused
    in the same words whether it exists or not."""
    if by is None or roles_of(by) & BOARD:
        return
    if not rule_for(Petition).queryset(by).filter(pk=petition.pk).exists():
        raise ValidationError(
            {
                "petition": ValidationError(
                    _(
                        "This case is not in your area: a commune or district proposes only "
                        "the cases of its own citizens or of matters arising there."
                    ),
                    code=OUTSIDE_AREA,
                )
            }
        )


def check_proposal(proposal: CaseProposal, petition: Petition, *, by=None) -> None:
    """Whether `by` may make this proposal: raises ValidationError (by field) if not.
    Fills in the proposing unit (the officer's own) and its People's Committee."""
    _check_area(petition, by)
    if petition.state not in PROPOSABLE_PETITION_STATES:
        raise ValidationError(
            {
                "petition": ValidationError(
                    _("This case can no longer be proposed: it is %(state)s.")
                    % {"state": petition.get_state_display()},
                    code="not_proposable",
                )
            }
        )
    pending = CaseProposal.objects.filter(petition=petition, state=ProposalState.SUBMITTED)
    if pending.exists():
        raise ValidationError(
            {
                "petition": ValidationError(
                    _("This case is already proposed and awaits the Board's decision."),
                    code="already_proposed",
                )
            }
        )
    if proposal.ground == ProposalGround.OTHER and not (proposal.details or "").strip():
        raise ValidationError(
            {
                "details": ValidationError(
                    _("Explain the grounds: “other grounds” needs a few words."),
                    code="details_required",
                )
            }
        )
    if not proposal.proposing_unit_id and by is not None:
        proposal.proposing_unit = _own_unit(by)
    if not proposal.proposing_unit_id:
        raise ValidationError(
            {
                "proposing_unit": ValidationError(
                    _("Name the commune or district that proposes the case."), code="no_unit"
                )
            }
        )
    if by is not None and not roles_of(by) & BOARD:
        if proposal.proposing_unit_id not in unit_scope_ids(by):
            raise ValidationError(
                {
                    "proposing_unit": ValidationError(
                        _("You propose in the name of your own commune or district."),
                        code=OUTSIDE_AREA,
                    )
                }
            )
    if proposal.proposing_agency_id is None:
        proposal.proposing_agency = _committee_of(proposal.proposing_unit)


@transaction.atomic
def propose_case(proposal: CaseProposal, *, by=None) -> CaseProposal:
    """Record a proposal and put it in the Board's queue of proposals to classify."""
    if proposal.pk:
        raise ValidationError(_("This proposal is already recorded."), code="already_recorded")
    petition = Petition.objects.select_for_update().get(pk=proposal.petition_id)
    check_proposal(proposal, petition, by=by)
    proposal.petition = petition
    proposal.proposed_by = by
    proposal.full_clean()
    if by is not None:
        proposal._history_user = by
    proposal.save()
    event = workflow.record_start(proposal, by=by)
    # The Board hears of it in its inbox (and by e-mail or SMS as each prefers), not
    # only when it next opens the list; a proposal the Board records itself is not news.
    if by is None or not roles_of(by) & BOARD:
        who = proposal.proposing_agency.name if proposal.proposing_agency_id else _("A commune")
        notify_roles(
            BOARD,
            _("%(who)s proposes an online hearing for petition no. %(number)s.")
            % {"who": who, "number": petition.registration_number},
            proposal,
            event,
        )
    return proposal


@transaction.atomic
def register_and_propose(
    petition: Petition,
    proposal: CaseProposal,
    *,
    citizen: Citizen | None = None,
    by=None,
) -> CaseProposal:
    """A commune or district registers a new case on the citizen's behalf (through the
    petition's own registration) and proposes it, in one transaction: the case must
    belong to the officer's area, or nothing is written."""
    person = citizen if citizen is not None else petition.citizen
    if by is not None and not roles_of(by) & BOARD:
        units = unit_scope_ids(by)
        if person.residence_unit_id not in units and petition.matter_unit_id not in units:
            raise ValidationError(
                {
                    "petition": ValidationError(
                        _(
                            "This case is not in your area: a commune or district proposes "
                            "only the cases of its own citizens or of matters arising there."
                        ),
                        code=OUTSIDE_AREA,
                    )
                }
            )
    if citizen is not None:
        if citizen.pk is None:
            citizen = record_citizen(citizen, by=by)
        petition.citizen = citizen
    petition = register_petition(petition, by=by)
    proposal.petition = petition
    return propose_case(proposal, by=by)
