"""A user's scopes (units and agencies), computed once per request."""

from collections.abc import Callable

# Widens a set of agency ids to the agencies they answer for (a successor for the
# bodies merged into it); registered by the agency document type.
_agency_expansion: Callable[[set[int]], frozenset[int]] | None = None


# Widens a set of unit ids to the units a scope on them covers (their predecessors and
# successors across the reorganisations, the communes of a district); registered by
# the administrative unit document type.
_unit_expansion: Callable[[set[int]], frozenset[int]] | None = None


def register_unit_expansion(expand: Callable[[set[int]], frozenset[int]]) -> None:
    global _unit_expansion
    _unit_expansion = expand


def register_agency_expansion(expand: Callable[[set[int]], frozenset[int]]) -> None:
    global _agency_expansion
    _agency_expansion = expand


def unit_scope_ids(user) -> frozenset[int]:
    cached = getattr(user, "_tcd_unit_scope", None)
    if cached is None:
        direct = {u for u in user.tcd_scopes.values_list("unit_id", flat=True) if u}
        if direct and _unit_expansion is not None:
            cached = _unit_expansion(direct)
        else:
            cached = frozenset(direct)
        user._tcd_unit_scope = cached
    return cached


def agency_scope_roots(user) -> frozenset[int]:
    """The agencies the user is scoped to, before widening: each answers for itself
    and the bodies merged into it (agency_scope_ids)."""
    cached = getattr(user, "_tcd_agency_roots", None)
    if cached is None:
        cached = frozenset(a for a in user.tcd_scopes.values_list("agency_id", flat=True) if a)
        user._tcd_agency_roots = cached
    return cached


def agency_scope_ids(user) -> frozenset[int]:
    cached = getattr(user, "_tcd_agency_scope", None)
    if cached is None:
        direct = set(agency_scope_roots(user))
        if direct and _agency_expansion is not None:
            cached = _agency_expansion(direct)
        else:
            cached = frozenset(direct)
        user._tcd_agency_scope = cached
    return cached
