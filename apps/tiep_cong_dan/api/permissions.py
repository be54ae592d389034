"""The desk's permission rule of each document type, asked by every API view."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from ..access.rules import rule_for


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
