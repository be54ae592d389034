"""Who sees and writes hearing dossiers: the Board, the Chairman and the Office see every
one; an agency sees and writes only its own (any other answers as if it did not exist).
A denunciation's briefing follows the petition's rule: masked from those not cleared for
the denouncer's identity, except the agency that wrote it."""

from django.db.models import Q

from ...access.roles import (
    AGENCY_SCOPED,
    BOARD,
    IDENTITY_CLEARED,
    PROVINCE_WIDE,
    UNIT_SCOPED,
    Role,
    roles_of,
)
from ...access.rules import DocRule
from ...access.scope import agency_scope_ids
from ..agency.constants import AgencyKind
from ..agency.models import Agency
from ..petition.constants import PetitionKind
from ..petition.models import Petition
from ..petition.permissions import log_denunciations_read
from .constants import OWED_STATES
from .models import HearingDossier

# What an agency writes about the case (it may name the denouncer); its documents follow
# the same condition through `may_read_attachments` (free_text_masked).
BRIEFING_FIELDS = frozenset({"case_history", "decisions", "proposal", "return_reason"})
# A commune (or district) officer answers for their People's Committee.
COMMITTEE_KINDS = (AgencyKind.COMMUNE_COMMITTEE, AgencyKind.DISTRICT_COMMITTEE)


def own_agency_ids(user) -> frozenset[int]:
    """The agencies whose dossiers `user` prepares: their agency scope (with the bodies
    merged into it) and, for a commune or district officer, the People's Committee of
    the unit they are an officer of (only that one: a district officer is not the
    officer of its communes' committees)."""
    cached = getattr(user, "_tcd_dossier_agencies", None)
    if cached is None:
        ids = set(agency_scope_ids(user))
        if roles_of(user) & UNIT_SCOPED:
            units = [u for u in user.tcd_scopes.values_list("unit_id", flat=True) if u]
            if units:
                ids |= set(
                    Agency.objects.filter(unit_id__in=units, kind__in=COMMITTEE_KINDS).values_list(
                        "pk", flat=True
                    )
                )
        cached = frozenset(ids)
        user._tcd_dossier_agencies = cached
    return cached


class HearingDossierRule(DocRule):
    model = HearingDossier
    view_roles = PROVINCE_WIDE | UNIT_SCOPED | AGENCY_SCOPED | {Role.ADMINISTRATOR}
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    add_roles = frozenset()  # opened when the Chairman approves the session
    change_roles = BOARD | AGENCY_SCOPED | UNIT_SCOPED
    # The agency's documents of the case.
    attachments = True

    def scope_filter(self, user, roles):
        return Q(agency_id__in=own_agency_ids(user))

    def can_change(self, user, obj=None) -> bool:
        if not super().can_change(user, obj):
            return False
        if obj is None or roles_of(user) & BOARD:
            return True
        return obj.agency_id in own_agency_ids(user)

    # -- a denunciation's briefing ---------------------------------------------
    def _hidden(self, user, obj: HearingDossier) -> bool:
        if roles_of(user) & IDENTITY_CLEARED:
            return False
        if obj.agency_id in own_agency_ids(user):
            return False  # its authors: they wrote it and answer for it
        if "petition" in obj._state.fields_cache:  # read with the dossier: no query
            kind = obj.petition.kind
        else:
            kinds = Petition.objects.filter(pk=obj.petition_id).values_list("kind", flat=True)
            kind = kinds.first()
        return kind == PetitionKind.DENUNCIATION

    def masked_fields(self, user, obj):
        return BRIEFING_FIELDS if self._hidden(user, obj) else frozenset()

    def masked_paths(self, user):
        return frozenset() if roles_of(user) & IDENTITY_CLEARED else BRIEFING_FIELDS

    def free_text_masked(self, user, obj):
        return self._hidden(user, obj)

    def free_text_masked_filter(self, user):
        if roles_of(user) & IDENTITY_CLEARED:
            return None
        return Q(petition__kind=PetitionKind.DENUNCIATION) & ~Q(agency_id__in=own_agency_ids(user))

    # -- attachments -------------------------------------------------------------
    def may_attach(self, user, obj) -> bool:
        # The agency adds its documents while the dossier is owed; the Board to any it
        # reads (a document handed in on paper).
        if not self.may_read_attachments(user, obj):
            return False
        if roles_of(user) & BOARD:
            return True
        return obj.state in OWED_STATES and obj.agency_id in own_agency_ids(user)

    def may_remove_attachments(self, user, obj) -> bool:
        return bool(roles_of(user) & BOARD) and self.can_view(user, obj)

    def log_attachment_read(self, request, obj) -> None:
        log_denunciations_read(request, Petition.objects.filter(pk=obj.petition_id))
