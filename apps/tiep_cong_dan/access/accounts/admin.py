"""Administrators' view of sign-ins in the desk: lockouts (and lifting them), the
sign-in and failure logs of django-axes, and the users' second-factor devices."""

from datetime import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset
from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice
from unfold.admin import ModelAdmin

from ..desk import BoundedDatesMixin, ReadOnlyMixin
from ..grants.constants import AccountChangeKind
from ..grants.services import log_account_change
from ..roles import Role, has_any
from ..search import WordSearchMixin


def _is_admin(request) -> bool:
    return has_any(request.user, {Role.ADMINISTRATOR})


class AdministratorsRead(WordSearchMixin, ReadOnlyMixin, BoundedDatesMixin):
    """Records written by the sign-in machinery: administrators read them, nobody edits."""

    word_search_exempt = "sign-in records: a login name or an address as written"

    def has_module_permission(self, request) -> bool:
        return _is_admin(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return _is_admin(request)


@admin.register(AccessAttempt)
class LockoutAdmin(AdministratorsRead, ModelAdmin):
    """Failed sign-ins counted per login name and address; lifting a lockout deletes them."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "locked"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "path_info", "attempt_time"]
    fields += ["failures_since_start"]
    readonly_fields = fields
    actions = ["unlock"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return _is_admin(request)

    @admin.display(boolean=True, description=gettext_lazy("Locked out now"))
    def locked(self, obj: AccessAttempt) -> bool:
        return (
            obj.failures_since_start >= settings.AXES_FAILURE_LIMIT
            and obj.attempt_time >= timezone.now() - settings.AXES_COOLOFF_TIME
        )

    @admin.action(description=gettext_lazy("Unlock: clear these failed sign-ins"))
    def unlock(self, request, queryset) -> None:
        pairs = set(queryset.values_list("username", "ip_address"))
        for username, ip_address in pairs:
            # Every browser the same name and address tried from, not only this row.
            reset(ip=ip_address, username=username)
        messages.success(request, _("%(count)d lockout(s) lifted.") % {"count": len(pairs)})


@admin.register(AccessLog)
class SignInLogAdmin(AdministratorsRead, ModelAdmin):
    list_display = ["attempt_time", "logout_time", "username", "ip_address", "user_agent"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "path_info", "attempt_time"]
    fields += ["logout_time"]
    readonly_fields = fields


@admin.register(AccessFailureLog)
class SignInFailureAdmin(AdministratorsRead, ModelAdmin):
    list_display = ["attempt_time", "username", "ip_address", "locked_out", "user_agent"]
    list_filter = ["attempt_time", "locked_out"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "path_info", "attempt_time"]
    fields += ["locked_out"]
    readonly_fields = fields


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)  # django-otp's own shows and edits the secret key


@admin.register(TOTPDevice)
class TwoFactorDeviceAdmin(AdministratorsRead, ModelAdmin):
    """Who has enrolled an authenticator app. Deleting a device is the reset for a lost
    phone: the user enrols a new one at the next sign-in. The key is never shown."""

    # django-otp's fields have no translatable labels: the columns carry the desk's own.
    list_display = ["owner", "enrolled", "added", "last_used"]
    search_fields = ["user__username", "user__last_name"]
    fields = ["owner", "enrolled", "added", "last_used"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("User"), ordering="user__username")
    def owner(self, obj: TOTPDevice) -> str:
        return obj.user.get_username()

    @admin.display(description=gettext_lazy("Enrolled"), boolean=True)
    def enrolled(self, obj: TOTPDevice) -> bool:
        return obj.confirmed

    @admin.display(description=gettext_lazy("Added on"), ordering="created_at")
    def added(self, obj: TOTPDevice) -> datetime | None:
        return obj.created_at

    @admin.display(description=gettext_lazy("Last used"), ordering="last_used_at")
    def last_used(self, obj: TOTPDevice) -> datetime | None:
        return obj.last_used_at

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def delete_model(self, request, obj: TOTPDevice) -> None:
        super().delete_model(request, obj)
        log_account_change(
            AccountChangeKind.TWO_FACTOR_RESET, obj.user, by=request.user, request=request
        )

    def delete_queryset(self, request, queryset) -> None:
        users = {device.user for device in queryset}
        super().delete_queryset(request, queryset)
        for user in users:
            log_account_change(
                AccountChangeKind.TWO_FACTOR_RESET, user, by=request.user, request=request
            )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Like the user page: nobody but a superuser touches a superuser.
        return _is_admin(request) and (
            obj is None or not obj.user.is_superuser or request.user.is_superuser
        )

    def changelist_view(self, request, extra_context=None):
        # django-otp's model has an untranslated name.
        extra_context = {"title": _("Two-step verification devices"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)


# The users' and roles' pages, in their own file.
from . import users_admin  # noqa: E402, F401
