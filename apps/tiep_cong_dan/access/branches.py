"""A scoped list's page read from the indexes of its scope, not by sorting the scope.

A district officer sees the petitions whose matter or residence lies in one of their
units (some thirty units across the eras): `matter_unit IN (…) OR residence_unit IN
(…)`. MariaDB answers that with an index merge and sorts the whole scope (a tenth of a
million rows) to give the newest fifty. Each unit's rows, though, are already in the
list's order in an index that starts with the unit ((matter_unit, registration_year,
registration_seq) and the same for the residence), so the page is read as a union of
short index ranges, one per unit and column, each cut at the page's end and merged by
the order: `Branches.page_ids`. The first n rows of the union are among the first n of
some branch (a row's rank in its branch is at most its rank in the union), so each
branch needs only offset + page size rows; deeper pages bound the ranges by the order's
leading column (the registration year), first at the newest year's pace, widening until
the page is full.

A deep page (page 200 of a district: 9,950 rows skipped) is not read that way: every
branch would still read its rows down to the page, and their union (some 20,000 keys)
be de-duplicated and sorted. When the scope is also given as disjoint `parts` (the
matter's units; the residence's units whose matter lies elsewhere), each counted per
value of the order's leading column from an index holding what its condition asks,
the page's leading values are found by counting the newest years first, and the page
is read from those years alone: a union of disjoint parts, nothing to de-duplicate,
a year's keys to sort (`Branches.deep_page_ids`).

The count asks the coarse conditions (`matter_unit IN (…)`, a range of one index) each
capped, and their union only when every one is under the cap.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, QuerySet

from ..core.unions import Family, union_of_families, union_rows

# From this offset on, the branches are bounded by the order's leading column first.
WINDOW_FROM = 500


@dataclass(frozen=True)
class Branches:
    """A scope as conditions whose union is the scope: `pages` each served by an index
    in `order` (descending integer columns), `counts` coarser ones to count by; the
    list's `filters` (its address's parameters) that an index of each branch serves
    as well (an equality before the branch's column)."""

    pages: tuple[Q, ...]
    counts: tuple[Q, ...]
    order: tuple[str, ...]
    filters: frozenset[str] = frozenset()
    # The scope again as disjoint conditions, each counted per leading value from one
    # index (for deep pages); empty: deep pages go by the windowed union.
    parts: tuple[Q, ...] = ()

    @property
    def fields(self) -> list[str]:
        return [name.lstrip("-") for name in self.order]

    def _union(self, rows: QuerySet, n: int, since: int | None) -> list[tuple]:
        leading = self.fields[0]
        window = Q(**{f"{leading}__gte": since}) if since is not None else Q()

        def part(branch: Q) -> QuerySet:
            return (
                rows.filter(branch, window)
                .order_by(*self.order)
                .values_list("pk", *self.fields)[:n]
            )

        return union_of_families(self._families(part), all=False, order=self.order, limit=n)

    def _families(self, part: Callable[[Q], QuerySet]) -> list[Family]:
        """The page branches as families of one shape each: a branch `column = value`
        (a unit) shares its statement with the column's other branches; any other
        branch is a family of its own."""
        by_column: dict[str, list[int]] = {}
        families = []
        for branch in self.pages:
            child = branch.children[0] if len(branch.children) == 1 else None
            if branch.negated or not isinstance(child, tuple) or type(child[1]) is not int:
                families.append(Family(lambda _value, branch=branch: part(branch), [0]))
                continue
            by_column.setdefault(child[0], []).append(child[1])
        for column, values in by_column.items():
            families.append(Family(lambda value, column=column: part(Q(**{column: value})), values))
        return families

    def page_ids(self, rows: QuerySet, offset: int, limit: int, count: int) -> list:
        """The keys of rows[offset:offset + limit] in `order`, `rows` being the list's
        rows before the scope (filters applied) and `count` how many the scope holds
        (or more: a capped count)."""
        n = offset + limit
        expected = max(0, min(limit, count - offset))
        if offset >= WINDOW_FROM and self.parts:
            return self.deep_page_ids(rows, offset, limit)
        since = None
        if offset >= WINDOW_FROM:
            since = self._first_window(rows, n)
        span = 1
        while True:
            found = [row[0] for row in self._union(rows, n, since)[offset:n]]
            if since is None or len(found) >= expected:
                return found
            since -= span  # the window held too few: twice as many years back
            span *= 2
            if span > 64:
                since = None

    def deep_page_ids(self, rows: QuerySet, offset: int, limit: int) -> list:
        """rows[offset:offset + limit] of the scope: its disjoint parts counted per
        leading value from the newest down, in bands twice as wide each time, until
        the page's end is reached; then the page read from the values it spans."""
        leading = self.fields[0]
        bounds = rows.order_by().aggregate(top=Max(leading), bottom=Min(leading))
        if bounds["top"] is None:
            return []
        counts: dict[int, int] = {}
        high, span, end = bounds["top"], 2, offset + limit
        while sum(counts.values()) < end and high >= bounds["bottom"]:
            counts.update(self._counts_by(rows, leading, high - span + 1, high))
            high, span = high - span, span * 2
        before, first, last, reached = 0, None, None, 0
        for value in sorted(counts, reverse=True):
            if first is None and before + counts[value] <= offset:
                before += counts[value]  # wholly before the page
                continue
            first = value if first is None else first
            reached += counts[value]
            last = value
            if before + reached >= end:
                break
        if first is None:
            return []
        window = Q(**{f"{leading}__lte": first, f"{leading}__gte": last})
        parts = [
            rows.filter(part, window).order_by().values_list("pk", *self.fields)
            for part in self.parts
        ]
        union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        skip = offset - before
        return [row[0] for row in union.order_by(*self.order)[skip : skip + limit]]

    def _counts_by(self, rows: QuerySet, leading: str, low: int, high: int) -> dict[int, int]:
        """How many rows of the scope hold each value of the leading column from low to
        high: each part counted from its own index, in one query."""
        band = Q(**{f"{leading}__gte": low, f"{leading}__lte": high})
        each = [
            rows.filter(part, band)
            .order_by()
            .values(leading)
            .annotate(n=Count("pk"))
            .values_list(leading, "n")
            for part in self.parts
        ]
        union = each[0].union(*each[1:], all=True) if len(each) > 1 else each[0]
        counts: dict[int, int] = {}
        for value, n in union:
            counts[value] = counts.get(value, 0) + n
        return counts

    def _first_window(self, rows: QuerySet, n: int) -> int | None:
        """The oldest value of the leading column the first n rows likely reach: the
        newest value, less as many steps as n rows take at the newest step's pace (one
        more: the newest year is seldom complete)."""
        newest = list(self._union(rows, 1, None)[:1])
        if not newest:
            return None
        top = newest[0][1]
        leading = self.fields[0]
        recent = rows.filter(self.counts[0], **{f"{leading}__gte": top}).order_by()[:n].count()
        return top - -(-n // max(recent, 1))

    def capped_count(self, rows: QuerySet, cap: int) -> int:
        """How many rows the scope holds, up to cap + 1 ("more than cap")."""
        counts = []
        for condition in self.counts:
            found = rows.filter(condition).order_by()[: cap + 1].count()
            if found > cap:
                return cap + 1
            counts.append(found)
        if len(self.counts) == 1:
            return counts[0]
        parts = [rows.filter(c).order_by().values_list("pk")[: cap + 1] for c in self.counts]
        return min(cap + 1, len(union_rows(parts, all=False)))
