from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.desk import RuleAdmin, RuleLogAdmin
from .models import AgencyMail, Delivery, Notification, NotificationPreference


class DeliveryInline(TabularInline):
    model = Delivery
    extra = 0
    fields = ["channel", "address", "state", "attempts", "sent_at", "last_error"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(RuleLogAdmin):
    inlines = [DeliveryInline]
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
        obj = self.get_object(request, object_id)  # None for another's, or a malformed id
        if obj is not None and obj.read_at is None:
            Notification.objects.filter(pk=obj.pk).update(read_at=timezone.now())
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(RuleAdmin):
    list_display = ["user", "by_email", "by_sms", "phone"]
    fields = ["by_email", "by_sms", "phone"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.user = request.user  # one's own preference
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request, *args) -> bool:
        own = NotificationPreference.objects.filter(user=request.user).exists()
        return super().has_add_permission(request) and not own


@admin.register(Delivery)
class DeliveryAdmin(RuleLogAdmin):
    list_display = ["notification", "channel", "address", "state", "attempts", "sent_at"]
    list_filter = ["state", "channel"]
    readonly_fields = [
        "notification",
        "channel",
        "address",
        "state",
        "attempts",
        "sent_at",
        "last_error",
        "provider_id",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AgencyMail)
class AgencyMailAdmin(RuleLogAdmin):
    list_display = ["subject", "agency", "address", "state", "attempts", "sent_at"]
    list_filter = ["state"]
    search_fields = ["subject", "agency__name"]
    readonly_fields = [
        "agency",
        "subject",
        "body",
        "document",
        "address",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
