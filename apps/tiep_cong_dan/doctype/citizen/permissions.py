"""Who sees citizens. A denouncer is hidden from everyone not cleared for it."""

import operator
from functools import reduce

from django.db.models import Exists, OuterRef, Q

from ...access.roles import (
    AGENCY_SCOPED,
    BOARD,
    IDENTITY_CLEARED,
    PROVINCE_WIDE,
    UNIT_SCOPED,
    Role,
    roles_of,
)
from ...access.rules import DocRule, rule_for
from ...access.scope import unit_scope_ids
from ..petition.constants import PetitionKind
from ..petition.models import Petition, PetitionRepresentative
from .models import Citizen

IDENTITY_FIELDS = frozenset(
    {
        "full_name",
        "date_of_birth",
        "id_number",
        "id_issued_on",
        "id_issued_by",
        "phone",
        "email",
        "address",
    }
)


def _is_denouncer() -> Q:
    return Q(
        Exists(Petition.objects.filter(citizen_id=OuterRef("pk"), kind=PetitionKind.DENUNCIATION))
    ) | Q(
        Exists(
            PetitionRepresentative.objects.filter(
                citizen_id=OuterRef("pk"), petition__kind=PetitionKind.DENUNCIATION
            )
        )
    )


def _people_of_units(units: frozenset[int]) -> tuple[Q, ...]:
    """The citizens a unit officer sees, as three parts: those living in the units and
    the petitioners of the cases living or arising there (what `scope_filter` asks of
    other viewers through their visible cases). Each part is one index range: MariaDB
    reads the petitioners' keys once from petition_*_citizen, so a list in name order
    checks each person it reads against small sets, and a count adds up the parts
    (access/desk.py). Asked as "has a visible case", it looked up each citizen's cases
    instead: 0.47 s for a commune officer's page on a million citizens."""
    units = sorted(units)
    petitions = Petition.objects.order_by().filter(citizen_id__isnull=False)
    return (
        Q(residence_unit_id__in=units),
        Q(pk__in=petitions.filter(residence_unit_id__in=units).values("citizen_id")),
        Q(pk__in=petitions.filter(matter_unit_id__in=units).values("citizen_id")),
    )


def _people_of_cases(user, roles) -> tuple[Q, ...]:
    """The citizens another scoped viewer sees (a department's officer, the central
    observer): the petitioners of the cases they see, their keys read once from those
    cases; and for an officer who is also a unit's, the people living in its units.
    Asked as "has a visible case" of each citizen, MariaDB read the million citizens in
    name order and looked up each one's cases: 6 s for a department's officer."""
    cases = rule_for(Petition).queryset(user).order_by().filter(citizen_id__isnull=False)
    parts = (Q(pk__in=cases.values("citizen_id")),)
    if roles & UNIT_SCOPED:
        parts += (Q(residence_unit_id__in=sorted(unit_scope_ids(user))),)
    return parts


class CitizenRule(DocRule):
    model = Citizen
    access_log_code = "citizen"
    view_roles = (
        PROVINCE_WIDE | UNIT_SCOPED | AGENCY_SCOPED | {Role.CENTRAL_OBSERVER, Role.ADMINISTRATOR}
    )
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    add_roles = BOARD
    change_roles = BOARD

    def queryset(self, user, qs=None):
        qs = super().queryset(user, qs)
        if not roles_of(user) & IDENTITY_CLEARED:
            # A denouncer stays hidden unless a case of theirs the user may read (not a
            # denunciation) shows them anyway: hiding that person's record would then
            # only tell the user that they denounced someone.
            shown_openly = Exists(
                rule_for(Petition)
                .queryset(user)
                .exclude(kind=PetitionKind.DENUNCIATION)
                .filter(citizen_id=OuterRef("pk"))
            )
            qs = qs.exclude(_is_denouncer() & ~Q(shown_openly))
        return qs

    def scope_filter(self, user, roles):
        return reduce(operator.or_, self.scope_parts(user))

    def scope_parts(self, user) -> tuple[Q, ...] | None:
        """A scoped viewer's citizens as parts, each served by an index, whose union is
        the scope (a list counts it part by part); None for those who see everyone."""
        roles = roles_of(user) & self.view_roles
        if not roles or roles & self.unscoped_roles:
            return None
        units = rule_for(Petition).unit_scope(user)
        if units is not None:
            return _people_of_units(units)
        return _people_of_cases(user, roles)

    def can_change(self, user, obj=None) -> bool:
        # An anonymised citizen stays so: nothing to correct, no data to add back.
        if obj is not None and getattr(obj, "anonymised_at", None):
            return False
        return super().can_change(user, obj)

    # A citizen's papers (an ID card's copy, a letter of authority) go on their record.
    attachments = True

    def free_text_masked(self, user, obj) -> bool:
        # What is written about a denouncer (comments, their papers) may speak of what
        # they denounced: for the cleared only, even where a case of theirs shows them.
        return not roles_of(user) & IDENTITY_CLEARED and self.is_denouncer(obj)

    def free_text_masked_filter(self, user):
        return None if roles_of(user) & IDENTITY_CLEARED else _is_denouncer()

    def log_attachment_read(self, request, obj) -> None:
        # A citizen's papers are their personal data (an ID card's copy: sensitive).
        from .personal_data import log_people_shown

        log_people_shown(request, [(obj.pk, None)], fields={"attachments"})

    def is_denouncer(self, citizen: Citizen) -> bool:
        return Citizen.objects.filter(pk=citizen.pk).filter(_is_denouncer()).exists()

    def denouncers_among(self, citizen_ids) -> set[int]:
        """Which of these citizens denounced (one query for a whole list page)."""
        return set(
            Citizen.objects.filter(pk__in=list(citizen_ids))
            .filter(_is_denouncer())
            .values_list("pk", flat=True)
        )
