from django.db.models import Q

from ..access.roles import Role
from ..access.rules import ALL_STAFF, DocRule
from .models import ApiToken


class ApiTokenRule(DocRule):
    """Each user makes and revokes their own tokens; administrators see and revoke all."""

    model = ApiToken
    add_roles = ALL_STAFF
    change_roles = ALL_STAFF
    unscoped_roles = frozenset({Role.ADMINISTRATOR})

    def scope_filter(self, user, roles):
        return Q(user_id=user.pk)
