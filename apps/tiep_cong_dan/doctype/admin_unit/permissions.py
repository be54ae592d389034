from ...access.roles import Role
from ...access.rules import DocRule
from .models import AdministrativeUnit


class AdministrativeUnitRule(DocRule):
    # Units are loaded from the official lists; the desk only reads them.
    model = AdministrativeUnit
    change_roles = frozenset({Role.ADMINISTRATOR})
