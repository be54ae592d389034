from django.db.models import Q

from ..access.roles import BOARD, PROVINCE_WIDE, Role
from ..access.rules import DocRule, rule_for
from .bindings import BINDINGS
from .models import Workflow, WorkflowEvent


class WorkflowRule(DocRule):
    """The Board reads its process; the Board head and administrators adjust it."""

    model = Workflow
    view_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}
    change_roles = frozenset({Role.BOARD_HEAD, Role.ADMINISTRATOR})


class WorkflowEventRule(DocRule):
    """An event is visible to whoever may see its document. Nobody changes one."""

    model = WorkflowEvent
    view_roles = PROVINCE_WIDE | BOARD | {Role.ADMINISTRATOR}
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}

    def scope_filter(self, user, roles):
        condition = Q(pk__in=[])
        for doctype, binding in BINDINGS.items():
            visible = rule_for(binding.model).queryset(user).values("pk")
            condition |= Q(doctype=doctype, object_id__in=visible)
        return condition
