from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...access.desk import RuleLogAdmin
from .models import Notification


@admin.register(Notification)
class NotificationAdmin(RuleLogAdmin):
    list_display = ["message", "created_at", "read_at", "link_html"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["message", "link_html", "created_at", "read_at"]
    fields = ["message", "link_html", "created_at", "read_at"]
    actions = ["mark_read"]

    def has_add_permission(self, request, *args) -> bool:
        return False

    @admin.display(description=_("link"))
    def link_html(self, obj):
        from django.utils.html import format_html

        return (
            format_html('<a href="{}">{}</a>', obj.link, _("Open the document"))
            if obj.link
            else "—"
        )

    @admin.action(description=_("Mark as read"))
    def mark_read(self, request, queryset):
        queryset.filter(read_at__isnull=True).update(read_at=timezone.now())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.get_queryset(request).filter(pk=object_id, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        return super().change_view(request, object_id, form_url, extra_context)
