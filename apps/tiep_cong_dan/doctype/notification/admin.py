from django.contrib import admin, messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.desk import RuleAdmin, RuleLogAdmin
from . import bell
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
            # The page shows this same record (a page reads its record once): marked
            # read here too.
            obj.read_at = timezone.now()
            Notification.objects.filter(pk=obj.pk).update(read_at=obj.read_at)
        return super().change_view(request, object_id, form_url, extra_context)

    # -- the bell ----------------------------------------------------------------
    def get_urls(self):
        own = [
            path(
                "bell/",
                self.admin_site.admin_view(self.bell_view),
                name="tiep_cong_dan_notification_bell",
            ),
            path(
                "read-all/",
                self.admin_site.admin_view(self.read_all_view),
                name="tiep_cong_dan_notification_read_all",
            ),
            path(
                "<path:object_id>/open/",
                self.admin_site.admin_view(self.open_view),
                name="tiep_cong_dan_notification_open",
            ),
            path(
                "<path:object_id>/read/",
                self.admin_site.admin_view(self.read_view),
                name="tiep_cong_dan_notification_read",
            ),
        ]
        return own + super().get_urls()

    def bell_view(self, request):
        """The bell's list: the latest messages, read or not (the header asks it when
        the bell is opened)."""
        return TemplateResponse(
            request,
            "tiep_cong_dan/notification/bell_panel.html",
            {"items": bell.recent(request.user), "bell": bell.Bell(request)},
        )

    def open_view(self, request, object_id):
        """A message opened from the bell: marked read, then its document."""
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if obj.read_at is None:
            Notification.objects.filter(pk=obj.pk).update(read_at=timezone.now())
        target = obj.link if _safe(request, obj.link) else ""
        return HttpResponseRedirect(
            target or reverse("admin:tiep_cong_dan_notification_change", args=[obj.pk])
        )

    def read_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        Notification.objects.filter(pk=obj.pk, read_at__isnull=True).update(read_at=timezone.now())
        return HttpResponseRedirect(_back(request))

    def read_all_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        count = bell.unread(request.user).update(read_at=timezone.now())
        self.message_user(
            request,
            _("%(count)s notification(s) marked as read.") % {"count": count},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(_back(request))


def _safe(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _back(request) -> str:
    """Where a mark-read came from (this site only), else the inbox."""
    for candidate in (request.POST.get("next", ""), request.META.get("HTTP_REFERER", "")):
        if _safe(request, candidate):
            return candidate
    return reverse("admin:tiep_cong_dan_notification_changelist")


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
