from django.db.models import Q

from ..access.roles import BOARD, IDENTITY_CLEARED, PROVINCE_WIDE, Role, roles_of
from ..access.rules import DocRule, rule_for, set_state_gate
from .bindings import BINDINGS, has_workflow
from .engine import may_edit
from .models import Workflow, WorkflowEvent


def _state_allows_edit(user, obj) -> bool:
    """A document a workflow drives is editable by the roles its current state names."""
    return may_edit(user, obj) if has_workflow(type(obj)) else True


set_state_gate(_state_allows_edit)


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

    def masked_fields(self, user, obj):
        doc = document_of(obj)
        if doc is not None and rule_for(type(doc)).free_text_masked(user, doc):
            return COMMENT
        return frozenset()

    def masked_paths(self, user):
        # Never filtered or searched by its words for those from whom some are hidden.
        return frozenset() if roles_of(user) & IDENTITY_CLEARED else COMMENT

    def comments_masked(self, user) -> Q:
        """The events whose comments are hidden from `user`, as a condition."""
        condition = Q(pk__in=[])
        for doctype, binding in BINDINGS.items():
            hidden = rule_for(binding.model).free_text_masked_filter(user)
            if hidden is not None:
                docs = binding.model._default_manager.filter(hidden).values("pk")
                condition |= Q(doctype=doctype, object_id__in=docs)
        return condition


COMMENT = frozenset({"comment"})


def document_of(event: WorkflowEvent):
    return BINDINGS[event.doctype].model._default_manager.filter(pk=event.object_id).first()
