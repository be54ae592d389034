from ...access.roles import Role
from ...access.rules import DocRule
from .models import CalendarDay


class CalendarDayRule(DocRule):
    model = CalendarDay
    add_roles = change_roles = delete_roles = frozenset({Role.ADMINISTRATOR})
    # The decision that gave the day off or swapped it.
    attachments = True
