from ...access.roles import Role
from ...access.rules import DocRule
from ...access.scope import register_agency_expansion
from .models import Agency
from .services import scope_agency_ids

# A successor department answers for the cases and tasks of the bodies merged into it.
register_agency_expansion(scope_agency_ids)


class AgencyRule(DocRule):
    model = Agency
    add_roles = change_roles = frozenset({Role.ADMINISTRATOR})
    # Its founding decision, a merger's resolution, its contact sheet.
    attachments = True
