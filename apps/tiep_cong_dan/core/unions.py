"""A union of limited queries ("the first n rows of each index branch"), on every
database the site runs on. MariaDB answers it as one statement; SQLite (the embedded
default of `make run`) refuses LIMIT inside a compound statement, so there each part
is read on its own and the parts are merged here. The parts are small (each limited),
so the merge costs little; the queries are as many as the parts."""

from collections.abc import Sequence
from itertools import chain

from django.db import connection
from django.db.models import QuerySet


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
