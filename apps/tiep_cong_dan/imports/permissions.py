"""An import is its uploader's alone: the file and every row's errors carry the
citizens' personal data, and the outcome is theirs to act on."""

from django.db.models import Q

from ..access.rules import ALL_STAFF, DocRule
from .models import ImportJob


class ImportJobRule(DocRule):
    model = ImportJob
    view_roles = ALL_STAFF
    unscoped_roles = frozenset()  # nobody sees every import, administrators included

    def scope_filter(self, user, roles):
        return Q(uploaded_by=user)
