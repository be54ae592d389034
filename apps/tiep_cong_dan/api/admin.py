from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..access.desk import RuleLogAdmin
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(RuleLogAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    fields = ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None) -> bool:
        # A revoked token is history: nothing of it can be changed any more.
        if obj is not None and obj.revoked_at:
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "name"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, key = ApiToken.issue(request.user, obj.name)
        obj.pk, obj.user, obj.prefix = token.pk, token.user, token.prefix
        messages.warning(
            request,
            format_html(
                "{} <code style='user-select:all'>{}</code>",
                _("Copy the token now: it will not be shown again."),
                key,
            ),
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        messages.success(request, _("%(count)s token(s) revoked.") % {"count": count})
