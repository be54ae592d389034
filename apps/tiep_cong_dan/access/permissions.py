from ..access.roles import Role
from ..access.rules import DocRule
from .models import ConfidentialAccess, UserScope

ADMINS = frozenset({Role.ADMINISTRATOR})


class ConfidentialAccessRule(DocRule):
    # Append-only: read by administrators, never changed.
    model = ConfidentialAccess
    view_roles = ADMINS


class UserScopeRule(DocRule):
    model = UserScope
    view_roles = add_roles = change_roles = delete_roles = ADMINS
