from ..access.roles import PROVINCE_WIDE, Role
from ..access.rules import DocRule
from .models import PrintFormat


class PrintFormatRule(DocRule):
    """The Board reads the templates; administrators edit them (a template is code:
    a slip changes every document printed after it)."""

    model = PrintFormat
    view_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    change_roles = frozenset({Role.ADMINISTRATOR})
