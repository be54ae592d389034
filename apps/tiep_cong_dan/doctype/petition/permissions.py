"""Who sees and changes petitions, and whose identity is masked."""

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import Case, When
from django.db.models.functions import Coalesce

from ...access.branches import Branches
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
from ...access.scope import agency_scope_ids, unit_scope_ids
from ...core.plans import along_the_order, subqueries_as_sets
from ..citizen.models import Citizen
from ..citizen.name_words import NameMatch, citizens_named, names_many
from .agency_pages import AgencyPages
from .constants import GROUP_MIN_SIZE, EligibilityBasis, PetitionKind
from .masking import DenouncerMasking
from .models import Petition, PetitionRepresentative

# What identifies a denouncer on a petition: the petitioner, the representatives,
# the citizen's own words and the scans (handwriting).
IDENTITY_FIELDS = frozenset({"citizen", "representatives", "content", "attachments"})


# The columns a unit officer's scope asks, each first in an index in the list's order.
_SCOPE_COLUMNS = ("matter_unit_id", "residence_unit_id")


class PetitionRule(DenouncerMasking, DocRule):
    model = Petition
    access_log_code = "petition"
    identity_fields = IDENTITY_FIELDS
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
            # The cases naming one of the agencies, as a set of keys (a semi-join MariaDB
            # reads from the agency's index once), not an EXISTS asked of each case: a
            # list that looks each EXISTS up (a citizen's, `exists_looked_up`) would ask
            # it of every case of the table.
            condition |= Q(pk__in=self.agency_cases(agency_scope_ids(user)))
        if Role.CENTRAL_OBSERVER in roles:
            condition |= Q(eligibility_basis=EligibilityBasis.SCHEME_2_3) | Q(
                Exists(
                    AgendaItem.objects.filter(
                        petition_id=OuterRef("pk"), session__central_board_invited=True
                    )
                )
            )
        return condition

    def scope_branches(self, user) -> Branches | AgencyPages | None:
        """A unit officer's scope as one index range per unit and column, each in the
        list's order (access/branches.py); an agency officer's as their agencies' links
        (agency_pages.py); None for the others."""
        agencies = self.agency_scope(user)
        if agencies is not None:
            return AgencyPages(tuple(sorted(agencies)))
        units = sorted(self.unit_scope(user) or ())
        if not units:
            return None
        return Branches(
            pages=tuple(Q(**{column: unit}) for column in _SCOPE_COLUMNS for unit in units),
            counts=tuple(Q(**{f"{column}__in": units}) for column in _SCOPE_COLUMNS),
            order=tuple(Petition._meta.ordering),
            filters=frozenset({"state__exact"}),  # indexes petition_state_*_order
            # Disjoint, for deep pages: the matter's units, then the residence's units
            # of a matter elsewhere (petition_residence_scope_order holds both units).
            parts=(
                Q(matter_unit_id__in=units),
                Q(residence_unit_id__in=units) & ~Q(matter_unit_id__in=units),
            ),
        )

    def searched_branches(self, user, term: str) -> AgencyPages | None:
        """An agency officer's list searched by a common name, read along their links
        and each case asked of the search (agency_pages.py); None for another reader
        or a search naming a few people (their cases looked up by key)."""
        agencies = self.agency_scope(user)
        if agencies is None or not self.search_reads_each_row(term):
            return None
        return AgencyPages(tuple(sorted(agencies)), searched=True)

    def unit_scope(self, user) -> frozenset[int] | None:
        """The units whose cases (by residence or by the matter's place) are exactly
        the rows `user` sees, or None when the scope is not units alone (an agency's
        cases, the central board's, or every case). Reports sum figures kept per unit
        for such a viewer (reporting/cube.py)."""
        roles = roles_of(user) & self.view_roles
        if not roles or roles & self.unscoped_roles or not roles <= UNIT_SCOPED:
            return None
        return unit_scope_ids(user)

    def agency_scope(self, user) -> frozenset[int] | None:
        """The agencies whose cases (those naming one of them among the agencies
        concerned) are exactly the rows `user` sees, or None when the scope is not
        agencies alone. Reports sum figures kept per agency for such a viewer."""
        roles = roles_of(user) & self.view_roles
        if not roles or roles & self.unscoped_roles or not roles <= AGENCY_SCOPED:
            return None
        return agency_scope_ids(user)

    def agency_cases(self, agencies) -> QuerySet:
        """The keys of the cases naming one of `agencies`, read from the links' own
        index: for an agency's officer, the rows they see (`agency_scope`), and a
        subquery that needs no petition read to say so."""
        return Petition.agencies_concerned.through.objects.filter(
            agency_id__in=sorted(agencies)
        ).values("petition_id")

    def scope_counter(self, user) -> Callable[[int], int] | None:
        """How many cases `user` sees, up to a cap + 1, when the links alone say it
        (an agency's officer: their distinct keys); None for the others."""
        agencies = self.agency_scope(user)
        if agencies is None:
            return None
        keys = self.agency_cases(agencies).distinct()
        return lambda cap: keys[: cap + 1].count()

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
        """Search by registration number, petitioner's or representative's name (any
        accents, any word order) or ID number, each answered from an index (see
        people_matching). A user not cleared for denouncers' identities cannot find a
        denunciation by its denouncer's name or number: that would confirm who
        denounced."""
        term = " ".join(term.split())
        if not term:
            return qs
        if term.isdigit() and len(term) <= 8:  # "123" or "000123": the number in its year
            by_number = Q(registration_seq=int(term))
        else:  # "2026/TCD-0001…": the number as written, from its start
            by_number = Q(registration_number__istartswith=term)
        if "/" in term:  # a number as written names nobody: no name holds a slash
            return qs.filter(by_number)
        people = people_matching(term)
        if people.per_row:  # a common name: each row checked, in the list's order
            represented = PetitionRepresentative.objects.filter(
                people.condition("citizen"), petition_id=OuterRef("pk")
            )
            # Only a group appoints representatives (validate_group, on every path that
            # writes them): the other rows skip the look-up.
            by_person = people.condition("citizen") | Q(
                Q(group_size__gte=GROUP_MIN_SIZE) & Exists(represented)
            )
        else:
            represented = PetitionRepresentative.objects.filter(citizen_id__in=people.ids)
            by_person = Q(citizen_id__in=people.ids) | Q(pk__in=_as_ids(represented, "petition_id"))
        if not roles_of(user) & IDENTITY_CLEARED:
            by_person &= ~Q(kind=PetitionKind.DENUNCIATION)
        return qs.filter(by_number | by_person)

    def search_reads_each_row(self, term: str) -> bool:
        """Whether `search` checks the rows one by one (a common name), rather than
        looking the few people named up by key (asked from a few index dives)."""
        term = " ".join(term.split())
        if not term or "/" in term:  # nothing, or a number as written: by number alone
            return False
        return not _is_id_number(term) and names_many(term)

    def search_plan(self, user, term: str) -> AbstractContextManager:
        """The plan `user`'s list (searched by `term`, or not) is read with, on the desk
        and in the API alike (core/plans.py). An agency's officer's cases (those naming
        the agency) are read along the list's order, each checked against the set of
        the agency's cases. A scope wide in one of its unit columns (a district's
        hundred thousand cases) searched by a common name is read along the list's
        order, the name keeping a share of every stretch of it. A narrow scope (a
        commune's), a search naming a few people (their cases looked up by key) or
        every case are left to MariaDB."""
        roles = roles_of(user) & self.view_roles
        if roles & AGENCY_SCOPED and not roles & self.unscoped_roles:
            return subqueries_as_sets()
        if not term or not self.search_reads_each_row(term):
            return nullcontext()
        branches = self.scope_branches(user)
        if branches is None:
            return nullcontext()
        rows = Petition.objects.order_by()
        wide = any(
            rows.filter(condition)[: WIDE_SCOPE + 1].count() > WIDE_SCOPE
            for condition in branches.counts
        )
        return along_the_order() if wide else nullcontext()


# A scope holding more cases than this in one of its unit columns is searched by a
# common name along the list's order (PetitionRule.search_plan).
WIDE_SCOPE = 30_000

# Up to this many representatives matched, their cases' ids are fetched and looked up
# by key; beyond, a subquery.
PEOPLE_FETCHED = 5000


def people_matching(term: str) -> NameMatch:
    """The citizens a search term names: its ID number exactly (digits only), else the
    words of their name and number (citizen/name_words.py: their ids when few, else a
    check of each row, `per_row`)."""
    if _is_id_number(term):
        compact = term.replace(" ", "")
        found = Citizen.objects.filter(id_number=compact).values_list("pk", flat=True)
        return NameMatch(ids=list(found))
    return citizens_named(term)


def _is_id_number(term: str) -> bool:
    """9 or more digits (spaces aside): an ID number, looked up exactly."""
    compact = term.replace(" ", "")
    return compact.isdigit() and len(compact) >= 9


def _as_ids(query, field: str):
    """The values of `field` as a list when few, else the query itself (a subquery)."""
    query = query.order_by()  # the default order (a citizen's name) would sort every match
    ids = list(query.values_list(field, flat=True)[: PEOPLE_FETCHED + 1])
    return ids if len(ids) <= PEOPLE_FETCHED else query.values(field)


def reads_every_case(user, petitions) -> bool:
    """Whether `user` reads every case among `petitions` (a queryset) in full: a file
    about them all (a session's minutes, a signed notice) speaks of each case and
    names each denouncer, so it goes only to a reader who may see all of that."""
    rule = rule_for(Petition)
    if (
        rule.free_text_masked_filter(user) is not None
        and petitions.filter(rule.free_text_masked_filter(user)).exists()
    ):
        return False
    if rule.sees_all(user):
        return True
    ids = set(petitions.values_list("pk", flat=True))
    return ids == set(rule.queryset(user).filter(pk__in=ids).values_list("pk", flat=True))


def log_denunciations_read(request, petitions, fields=frozenset({"attachments"})) -> None:
    """A file about `petitions` (a queryset) handed to a cleared reader: the
    denunciations among them go to the confidential-access log."""
    from ...access.confidential import log_confidential_access

    ids = list(petitions.filter(kind=PetitionKind.DENUNCIATION).values_list("pk", flat=True))
    if ids:
        log_confidential_access(request, object_type="petition", object_ids=ids, fields=fields)
