from ...access.roles import Role
from ...access.rules import DocRule
from ...access.scope import register_unit_expansion
from .models import AdministrativeUnit
from .services import scope_unit_ids

# A scope on a unit covers its predecessors and successors across the reorganisations.
register_unit_expansion(scope_unit_ids)


class AdministrativeUnitRule(DocRule):
    # Units are loaded from the official lists; the desk only reads them.
    model = AdministrativeUnit
    change_roles = frozenset({Role.ADMINISTRATOR})
    # The resolution that made, merged or ended it.
    attachments = True
