from ...access.roles import Role
from ...access.rules import DocRule
from .models import LegalBasis


class LegalBasisRule(DocRule):
    """Every staff member reads the table; only the administrator edits it."""

    model = LegalBasis
    add_roles = change_roles = delete_roles = frozenset({Role.ADMINISTRATOR})
    # The text itself, as published.
    attachments = True
