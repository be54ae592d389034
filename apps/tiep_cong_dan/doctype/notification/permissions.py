from django.db.models import Q

from ...access.rules import DocRule
from .models import Notification


class NotificationRule(DocRule):
    """Everyone reads their own inbox and nobody else's."""

    model = Notification
    unscoped_roles = frozenset()
    # Read only: opening a message or the list's action marks it read.

    def scope_filter(self, user, roles):
        return Q(recipient_id=user.pk)
