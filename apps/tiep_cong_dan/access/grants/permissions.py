from ..roles import Role
from ..rules import DocRule
from .constants import CONFIRMERS
from .models import AccountChange, RoleGrant


class RoleGrantRule(DocRule):
    """Administrators follow their requests; the Chairman and the Board head decide
    them. Rows change only through the services (confirm, refuse)."""

    model = RoleGrant
    view_roles = CONFIRMERS | {Role.ADMINISTRATOR}


class AccountChangeRule(DocRule):
    # Append-only: read by administrators and by the Board head, who answers for who
    # is cleared in the Board; never changed.
    model = AccountChange
    view_roles = frozenset({Role.ADMINISTRATOR, Role.BOARD_HEAD})
