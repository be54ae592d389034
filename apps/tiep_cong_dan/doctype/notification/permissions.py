from django.db.models import Q

from ...access.roles import PROVINCE_WIDE, Role
from ...access.rules import ALL_STAFF, DocRule
from .models import AgencyMail, Delivery, Notification, NotificationPreference


class NotificationRule(DocRule):
    """Everyone reads their own inbox and nobody else's."""

    model = Notification
    unscoped_roles = frozenset()
    # Read only: opening a message or the list's action marks it read.

    def scope_filter(self, user, roles):
        return Q(recipient_id=user.pk)


class NotificationPreferenceRule(DocRule):
    """Each user sets how they are told; administrators can help anyone."""

    model = NotificationPreference
    add_roles = ALL_STAFF
    change_roles = ALL_STAFF
    unscoped_roles = frozenset({Role.ADMINISTRATOR})

    def scope_filter(self, user, roles):
        return Q(user_id=user.pk)


class DeliveryRule(DocRule):
    """A delivery is seen with its notification (its recipient), and by administrators
    who watch for failures."""

    model = Delivery
    unscoped_roles = frozenset({Role.ADMINISTRATOR})

    def scope_filter(self, user, roles):
        return Q(notification__recipient_id=user.pk)


class AgencyMailRule(DocRule):
    """Letters to agencies: the Board and the province's leaders read them;
    administrators see them to fix agencies' addresses."""

    model = AgencyMail
    view_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
