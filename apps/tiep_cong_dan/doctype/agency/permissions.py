from ...access.roles import Role
from ...access.rules import DocRule
from .models import Agency


class AgencyRule(DocRule):
    model = Agency
    add_roles = change_roles = frozenset({Role.ADMINISTRATOR})
