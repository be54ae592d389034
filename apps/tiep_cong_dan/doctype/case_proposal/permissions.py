"""Who sees, makes and decides proposals: the one rule of the type."""

from django.db.models import Q

from ...access.roles import BOARD, IDENTITY_CLEARED, PROVINCE_WIDE, UNIT_SCOPED, Role, roles_of
from ...access.rules import DocRule, rule_for
from ...access.scope import unit_scope_ids
from ..petition.constants import PetitionKind
from ..petition.models import Petition
from .models import CaseProposal

# What a proposal about a denunciation may say of the denouncer: its grounds in words.
IDENTITY_FIELDS = frozenset({"details"})


class CaseProposalRule(DocRule):
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

    def identity_visible(self, user, obj: CaseProposal) -> bool:
        # The case's own rule decides: a proposal names whom its petition names.
        return rule_for(Petition).identity_visible(user, obj.petition)

    def masked_fields(self, user, obj):
        return frozenset() if self.identity_visible(user, obj) else IDENTITY_FIELDS

    def masked_paths(self, user):
        return frozenset() if roles_of(user) & IDENTITY_CLEARED else IDENTITY_FIELDS

    def free_text_masked(self, user, obj):
        return not self.identity_visible(user, obj)

    def free_text_masked_filter(self, user):
        if roles_of(user) & IDENTITY_CLEARED:
            return None
        return Q(petition__kind=PetitionKind.DENUNCIATION)

    def may_decide(self, user) -> bool:
        return bool(roles_of(user) & BOARD)

    def proposes(self, user) -> bool:
        """A commune or district officer (not the Board) proposing for their area."""
        roles = roles_of(user)
        return bool(roles & {Role.COMMUNE_OFFICER, Role.DISTRICT_OFFICER}) and not roles & BOARD
