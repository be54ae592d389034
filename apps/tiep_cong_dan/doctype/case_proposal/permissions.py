"""Who sees, makes and decides proposals: the one rule of the type."""

from django.db.models import Q

from ...access.roles import BOARD, PROVINCE_WIDE, UNIT_SCOPED, Role, roles_of
from ...access.rules import DocRule
from ...access.scope import unit_scope_ids
from ..petition.masking import DenouncerMasking
from .models import CaseProposal

# What a proposal about a denunciation may say of the denouncer: its grounds in words.
IDENTITY_FIELDS = frozenset({"details"})


class CaseProposalRule(DenouncerMasking, DocRule):
    # The case's own rule decides: a proposal names whom its petition names.
    kind_path = "petition__kind"
    identity_fields = IDENTITY_FIELDS
    """The Board and the Chairman's side read every proposal; a commune or district
    officer those about the cases of their area (by the case's places, as the
    petition rule reads them), and makes them; the Board decides."""

    model = CaseProposal
    view_roles = PROVINCE_WIDE | UNIT_SCOPED
    unscoped_roles = PROVINCE_WIDE
    add_roles = UNIT_SCOPED | BOARD
    change_roles = UNIT_SCOPED | BOARD
    # The committee's letter, the notes of the case.
    attachments = True

    def scope_filter(self, user, roles):
        units = unit_scope_ids(user)
        return Q(petition__residence_unit_id__in=units) | Q(petition__matter_unit_id__in=units)

    def may_decide(self, user) -> bool:
        return bool(roles_of(user) & BOARD)

    def proposes(self, user) -> bool:
        """A commune or district officer (not the Board) proposing for their area."""
        roles = roles_of(user)
        return bool(roles & {Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER}) and not roles & BOARD
