"""The capped count of a list that is exactly its reader's scope, by the rule's own
means when it has one (`scope_counter`): an agency's officer's cases counted from the
links' keys (15 ms for a department's 23,000 cases) rather than through the petitions
(70-100 ms). The desk's lists and the API's alike."""

from collections.abc import Callable

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import QuerySet

from .rules import rule_or_none


def whole_scope_counter(rows: QuerySet, user, cap: int) -> Callable[[], int] | None:
    """A count of `rows` up to `cap` + 1 by the rule's `scope_counter`, when `rows`
    are the rule's rows for `user` and nothing narrows them further (no filter,
    search or mode: the same query as the rule's); None otherwise."""
    rule = rule_or_none(rows.model)
    scope_counter = getattr(rule, "scope_counter", None)
    counter = scope_counter(user) if scope_counter is not None else None
    if counter is None:
        return None
    try:
        shown, scope = (
            query.order_by().values("pk").query.sql_with_params()
            for query in (rows, rule.queryset(user))
        )
    except (EmptyResultSet, FullResultSet):
        return None
    return (lambda: counter(cap)) if shown == scope else None
