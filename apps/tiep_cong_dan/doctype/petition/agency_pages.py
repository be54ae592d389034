"""An agency officer's petition list read from the agency links' own index.

A department's officer sees the cases naming one of their agencies: `id IN (the
links' keys)`. Read through the cases, MariaDB looked each of a department's twenty
thousand cases up by key to sort them and to filter them by state (page 200: 0.2 s,
a state: 0.25 s at a million cases). The links carry the case's state and order
(PetitionAgency.COPIED), and an index ([state,] agency, year, number, case) holds a
page's keys in the list's order: the page's keys are read from it alone, then its
fifty rows by key through the rule, as a unit officer's page is (access/branches.py:
this class answers the same questions, `capped_count` and `page_ids`).

The list's rows before the scope (`rows`) may ask only what the links copy (the
state, as `filters` says; the desk and the API check that before choosing this plan);
rows asking anything else are read through the cases, as before.

Searched by a common name (`searched`: a name checked case by case, PetitionRule.
`searched_branches`), the agency's links are walked in the list's order and each case
is asked whether the search keeps it (a look-up by key per link,
`core.plans.subqueries_looked_up`): the page of "nguyen van" among a department's
23,000 cases is found within about 2,000 links (25 ms), where walking the list's
order through the million cases, each checked against the department's set, took
0.47 s. A search naming a few people (an ID number, a rare name) is not read so: its
few cases are looked up by key through the cases."""

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.db.models.expressions import Col
from django.db.models.lookups import Exact
from django.db.models.sql.where import AND

from ...core.plans import subqueries_looked_up
from ...core.unions import union_rows
from .models import Petition, PetitionAgency


@dataclass(frozen=True)
class AgencyPages:
    agencies: tuple[int, ...]
    order: tuple[str, ...] = tuple(Petition._meta.ordering)
    # The list's filters (its address's parameters) the links' index serves.
    filters: frozenset[str] = frozenset({"state__exact"})
    # No disjoint parts per unit (scheduling's queue counts the scope as a whole).
    parts: tuple[Q, ...] = ()
    # The rows are searched by a common name: walked along the links, each asked.
    searched: bool = False

    @property
    def counts(self) -> tuple[Q, ...]:
        """The scope as one condition on the cases (the API's remembered count key)."""
        links = PetitionAgency.objects.filter(agency_id__in=self.agencies)
        return (Q(pk__in=links.values("petition_id")),)

    def capped_count(self, rows: QuerySet, cap: int) -> int:
        """How many cases of the scope `rows` holds, up to cap + 1."""
        keys = self._keys(rows)
        if keys is None:
            return rows.filter(*self.counts).order_by()[: cap + 1].count()
        with self._plan():
            return keys.order_by()[: cap + 1].count()

    def page_ids(self, rows: QuerySet, offset: int, limit: int, count: int) -> list:
        """The keys of the scope's rows[offset:offset + limit] in the list's order."""
        keys = self._keys(rows)
        if keys is None:
            keys = rows.filter(*self.counts).values_list("pk", flat=True)
        with self._plan():
            return list(keys.order_by(*self.order)[offset : offset + limit])

    def _plan(self) -> AbstractContextManager[None]:
        return subqueries_looked_up() if self.searched else nullcontext()

    def _keys(self, rows: QuerySet) -> QuerySet | None:
        """The cases' keys of the links answering `rows`, or None when `rows` ask more
        than the links hold. Most often one of the agencies has such links (a
        department; the bodies merged into it, none or few): its links are read along
        the index in the list's order, a deep page skipping index entries alone. Links
        of several are de-duplicated (a case naming two of them) and sorted."""
        asked = self._asked(rows)
        if asked is None and not self.searched:
            return None
        links = PetitionAgency.objects.filter(**(asked or {}))
        # Which agencies hold any: one index entry looked up per agency, in one query.
        probes = [
            links.filter(agency_id=agency).values_list("agency_id", flat=True)[:1]
            for agency in self.agencies
        ]
        named = union_rows(probes) if probes else []
        links = links.filter(agency_id__in=named)
        if asked is None:  # searched: each link's case asked of the rows, by its key
            links = links.filter(petition_id__in=rows.order_by().values("pk"))
        keys = links.values_list("petition_id", flat=True)
        # One agency (or none: an empty list) names a case once (the unique key).
        return keys.distinct() if len(named) > 1 else keys

    def _asked(self, rows: QuerySet) -> dict | None:
        """What `rows` asks of the cases, when it is an equality on copied columns
        and nothing else; None otherwise."""
        query = rows.query
        if query.model is not Petition or query.is_sliced or query.combinator:
            return None
        where = query.where
        if where.negated or (len(where.children) > 1 and where.connector != AND):
            return None
        asked = {}
        for condition in where.children:
            if not (
                isinstance(condition, Exact)
                and isinstance(condition.lhs, Col)
                and condition.lhs.alias == query.base_table
                and condition.lhs.target.model is Petition
                and condition.lhs.target.name in PetitionAgency.COPIED
            ):
                return None
            asked[condition.lhs.target.name] = condition.rhs
        return asked
