"""The API's own rule (tokens), and the DRF permission that asks every document type's
rule for each API view."""

from django.db.models import Q
from rest_framework.permissions import SAFE_METHODS, BasePermission

from ..access.roles import Role
from ..access.rules import ALL_STAFF, DocRule, rule_for
from .models import ApiToken


class RulePermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        rule = rule_for(view.queryset.model)
        if request.method in SAFE_METHODS:
            return rule.can_view(request.user)
        if request.method == "POST" and getattr(view, "action", "") == "create":
            return rule.can_add(request.user)
        return rule.can_view(request.user)

    def has_object_permission(self, request, view, obj) -> bool:
        rule = rule_for(type(obj))
        if request.method in SAFE_METHODS:
            return rule.can_view(request.user, obj)
        if getattr(view, "action", "") in ("update", "partial_update"):
            return rule.can_change(request.user, obj)
        return rule.can_view(request.user, obj)  # workflow steps: the engine decides


class ApiTokenRule(DocRule):
    """Each user makes and revokes their own tokens; administrators see and revoke all."""

    model = ApiToken
    add_roles = ALL_STAFF
    change_roles = ALL_STAFF
    unscoped_roles = frozenset({Role.ADMINISTRATOR})

    def scope_filter(self, user, roles):
        return Q(user_id=user.pk)
