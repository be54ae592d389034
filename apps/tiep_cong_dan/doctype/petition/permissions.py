"""Who sees and changes petitions, and whose identity is masked."""

from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.db.models.expressions import Case, When
from django.db.models.functions import Coalesce

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
from ...access.scope import agency_scope_ids, unit_scope_ids
from .constants import EligibilityBasis, PetitionKind
from .models import Petition

# What identifies a denouncer on a petition: the petitioner, the representatives,
# the citizen's own words and the scans (handwriting).
IDENTITY_FIELDS = frozenset({"citizen", "representatives", "content", "attachments"})


class PetitionRule(DocRule):
    model = Petition
    access_log_code = "petition"
    view_roles = (
        PROVINCE_WIDE | UNIT_SCOPED | AGENCY_SCOPED | {Role.CENTRAL_OBSERVER, Role.ADMINISTRATOR}
    )
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    add_roles = BOARD
    change_roles = BOARD

    def scope_filter(self, user, roles):
        from ..reception_session.models import AgendaItem

        condition = Q(pk__in=[])
        if roles & UNIT_SCOPED:
            units = unit_scope_ids(user)
            condition |= Q(residence_unit_id__in=units) | Q(matter_unit_id__in=units)
        if roles & AGENCY_SCOPED:
            agencies = agency_scope_ids(user)
            condition |= Q(
                Exists(
                    Petition.agencies_concerned.through.objects.filter(
                        petition_id=OuterRef("pk"), agency_id__in=agencies
                    )
                )
            )
        if Role.CENTRAL_OBSERVER in roles:
            condition |= Q(eligibility_basis=EligibilityBasis.SCHEME_2_3) | Q(
                Exists(
                    AgendaItem.objects.filter(
                        petition_id=OuterRef("pk"), session__central_board_invited=True
                    )
                )
            )
        return condition

    def identity_visible(self, user, petition: Petition) -> bool:
        return petition.kind != PetitionKind.DENUNCIATION or bool(roles_of(user) & IDENTITY_CLEARED)

    def masked_fields(self, user, obj):
        return frozenset() if self.identity_visible(user, obj) else IDENTITY_FIELDS

    def masked_paths(self, user):
        return frozenset() if roles_of(user) & IDENTITY_CLEARED else IDENTITY_FIELDS

    def free_text_masked(self, user, obj):
        # A comment on a denunciation ("the denouncer, Mr X, asked…") is identity data.
        return not self.identity_visible(user, obj)

    def free_text_masked_filter(self, user):
        if roles_of(user) & IDENTITY_CLEARED:
            return None
        return Q(kind=PetitionKind.DENUNCIATION)

    def neutral_ordering(self, user, path):
        """The petitioner column still sorts for a viewer not cleared, with every
        denunciation together at the top, whoever denounced."""
        if path != "citizen__full_name":
            return None
        return Case(
            When(kind=PetitionKind.DENUNCIATION, then=Value("")),
            default=Coalesce(F("citizen__full_name"), Value("")),
            output_field=CharField(),
        )

    def search(self, user, qs, term: str):
        """Search by registration number, petitioner's name or ID number. A user not
        cleared for denouncers' identities cannot find a denunciation by its
        denouncer's name or number: that would confirm who denounced."""
        term = term.strip()
        if not term:
            return qs
        by_number = Q(registration_number__icontains=term)
        by_person = (
            Q(citizen__full_name__icontains=term)
            | Q(citizen__id_number=term)
            | Q(representatives__citizen__full_name__icontains=term)
            | Q(representatives__citizen__id_number=term)
        )
        if not roles_of(user) & IDENTITY_CLEARED:
            by_person &= ~Q(kind=PetitionKind.DENUNCIATION)
        matching = Petition.objects.filter(by_number | by_person).values("pk")
        return qs.filter(pk__in=matching)
