"""A user's scopes (units and agencies), computed once per request."""

from ..doctype.admin_unit.services import scope_unit_ids


def unit_scope_ids(user) -> frozenset[int]:
    cached = getattr(user, "_tcd_unit_scope", None)
    if cached is None:
        direct = {u for u in user.tcd_scopes.values_list("unit_id", flat=True) if u}
        cached = scope_unit_ids(direct) if direct else frozenset()
        user._tcd_unit_scope = cached
    return cached


def agency_scope_ids(user) -> frozenset[int]:
    cached = getattr(user, "_tcd_agency_scope", None)
    if cached is None:
        cached = frozenset(a for a in user.tcd_scopes.values_list("agency_id", flat=True) if a)
        user._tcd_agency_scope = cached
    return cached
