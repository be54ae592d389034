"""Who reads the rule and the flags: the rule is the Board's (its head changes it);
a flag is read across the province, by a unit officer within their units, and a
denunciation in it only by those cleared for the denouncer's identity."""

from django.db.models import Q

from ...access.roles import BOARD, IDENTITY_CLEARED, PROVINCE_WIDE, UNIT_SCOPED, Role, roles_of
from ...access.rules import DocRule
from ...access.scope import unit_scope_ids
from .models import CaseCluster, ClusterRule

HEAD = frozenset({Role.BOARD_HEAD, Role.ADMINISTRATOR})


class ClusterRuleRule(DocRule):
    model = ClusterRule
    view_roles = BOARD | {Role.ADMINISTRATOR}
    change_roles = HEAD


class CaseClusterRule(DocRule):
    model = CaseCluster
    view_roles = PROVINCE_WIDE | UNIT_SCOPED | {Role.ADMINISTRATOR}
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    # Acknowledging a flag is the Board head's.
    change_roles = frozenset({Role.BOARD_HEAD})

    def queryset(self, user, qs=None):
        qs = super().queryset(user, qs)
        if not roles_of(user) & IDENTITY_CLEARED:
            # Neither listed nor counted: a flag made of denunciations alone would
            # tell that someone denounced there.
            qs = qs.filter(public_petitions__gt=0)
        return qs

    def scope_filter(self, user, roles):
        return Q(unit_id__in=unit_scope_ids(user))


def sees_denunciations(user) -> bool:
    """Whether `user` is shown the denunciations in a flag and counted with them."""
    return bool(roles_of(user) & IDENTITY_CLEARED)
