"""A union of limited queries ("the first n rows of each index branch"), on every
database the site runs on. MariaDB answers it as one statement; SQLite (the embedded
default of `make run`) refuses LIMIT inside a compound statement, so there each part
is read on its own and the parts are merged here. The parts are small (each limited),
so the merge costs little; the queries are as many as the parts.

Parts that differ only by one value (a district's branches: the same index range for
each of sixty units, `Family`) are compiled once per shape and the value bound into
each copy of the statement: compiled one by one, Django spent 10 ms building the
SQL of a 4 ms query (`union_of_families`)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

from django.db import connection
from django.db.models import QuerySet

# Bound in place of a family's value to find where the value sits among the
# statement's parameters: no key or year of ours is negative.
_MARK = -(2**53) + 7919


def _merge(rows: list[tuple], order: Sequence[str]) -> list[tuple]:
    # Rows are values_list("pk", *fields) in `order`'s fields: sorted one key at a
    # time from the last, each stable pass keeping the later keys' order.
    for position in range(len(order) - 1, -1, -1):
        rows.sort(key=lambda row, i=position + 1: row[i], reverse=order[position].startswith("-"))
    return rows


def union_rows(
    parts: Sequence[QuerySet], *, all: bool = True, order: Sequence[str] = ()
) -> list[tuple]:
    """The rows of every part (values_list querysets, each possibly limited), as one
    list; without `all` each row once; in `order` (the parts' own field names, "-" for
    descending, read from positions 1.. of each row) when given; a single part keeps
    its own order (it is read as it is: a limited query cannot be reordered)."""
    if len(parts) == 1:
        return list(parts[0])
    if connection.features.supports_slicing_ordering_in_compound:
        union = parts[0].union(*parts[1:], all=all)
        return list(union.order_by(*order) if order else union)
    rows = list(chain.from_iterable(parts))
    if not all:
        rows = list(dict.fromkeys(rows))
    return _merge(rows, order) if order else rows


@dataclass(frozen=True)
class Family:
    """Parts of one shape: `make(value)` for each of `values` (whole numbers: keys),
    each a values_list queryset, possibly limited."""

    make: Callable[[int], QuerySet]
    values: Sequence[int]

    def parts(self) -> list[QuerySet]:
        return [self.make(value) for value in self.values]


def _template(family: Family) -> tuple[str, list, int, tuple[str, ...]] | None:
    """The family's statement compiled once, its parameters, where the value sits among
    them and the fields it selects; None when it cannot be bound so (the value not a
    plain parameter, or fields the database's values need converting)."""
    if not all(type(value) is int for value in family.values):
        return None
    query = family.make(_MARK)
    compiler = query.query.get_compiler(using=query.db)
    sql, params = compiler.as_sql()
    if list(params).count(_MARK) != 1:
        return None
    if compiler.get_converters([column for column, _sql, _alias in compiler.select]):
        return None
    return sql, list(params), list(params).index(_MARK), tuple(query._fields)


def union_of_families(
    families: Sequence[Family],
    *,
    all: bool = True,
    order: Sequence[str] = (),
    limit: int | None = None,
) -> list[tuple]:
    """`union_rows` of every family's parts (its first `limit` rows when given), as one
    statement built from one compiled template per family where the database takes
    limits inside a union."""
    parts_count = sum(len(family.values) for family in families)
    if parts_count <= 1 or not connection.features.supports_slicing_ordering_in_compound:
        return _each_part(families, all=all, order=order, limit=limit)
    templates = [(_template(family), family) for family in families if family.values]
    if any(template is None for template, _family in templates):
        return _each_part(families, all=all, order=order, limit=limit)
    pieces, params = [], []
    for (sql, template_params, at, _fields), family in templates:
        for value in family.values:
            bound = list(template_params)
            bound[at] = value
            pieces.append(f"({sql})")
            params.extend(bound)
    fields = templates[0][0][3]
    statement = (" UNION ALL " if all else " UNION ").join(pieces)
    if order:
        # Positions, as Django orders a compound: the fields are each part's.
        keys = [
            f"{fields.index(name.lstrip('-')) + 1} {'DESC' if name.startswith('-') else 'ASC'}"
            for name in order
        ]
        statement += " ORDER BY " + ", ".join(keys)
    if limit is not None:
        statement += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return [tuple(row) for row in cursor.fetchall()]


def _each_part(families, *, all: bool, order: Sequence[str], limit: int | None) -> list[tuple]:
    rows = union_rows(
        [part for family in families for part in family.parts()], all=all, order=order
    )
    return rows if limit is None else rows[:limit]
