"""Users and roles in the desk, for administrators: accounts, their scopes, their
roles (a cleared role through a second person, access/grants), passwords only through
the user's own reset path (reset.py), second factors reset with a log entry."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from unfold.admin import ModelAdmin, TabularInline
from unfold.forms import UserChangeForm, UserCreationForm
from unfold.widgets import UnfoldAdminCheckboxSelectMultipleWidget

from ..grants.constants import AccountChangeKind
from ..grants.services import (
    GrantRefused,
    holds_or_awaits_clearance,
    log_account_change,
    log_account_edit,
    set_roles,
)
from ..models import UserScope
from ..roles import Role, has_any
from ..search import WordSearchMixin
from .account_desk import password_page
from .accounts import record_initial_password
from .models import UserWords
from .search import keep_user_words, search_users


@admin.action(description=_("Reset two-step verification"), permissions=["change"])
def reset_two_factor(model_admin: ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    """For a lost phone: the user enrols a new app at the next sign-in."""
    users = queryset if request.user.is_superuser else queryset.filter(is_superuser=False)
    for user in users.filter(totpdevice__isnull=False).distinct():
        log_account_change(
            AccountChangeKind.TWO_FACTOR_RESET, user, by=request.user, request=request
        )
    TOTPDevice.objects.filter(user__in=users).delete()
    model_admin.message_user(
        request,
        gettext("Two-step verification reset for %(count)d user(s).") % {"count": users.count()},
        messages.SUCCESS,
    )


admin.site.unregister(User)
admin.site.unregister(Group)


def role_label(group: Group) -> str:
    """The Vietnamese name of a role group (other groups keep their own name)."""
    return str(Role(group.name).label) if group.name in Role.values else group.name


def _is_admin(request) -> bool:
    return has_any(request.user, {Role.ADMINISTRATOR})


class UserScopeInline(TabularInline):
    model = UserScope
    extra = 0
    autocomplete_fields = ["unit", "agency"]

    def has_view_permission(self, request, obj=None):
        return _is_admin(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class AdministratorOnly(WordSearchMixin):
    """Users and roles are managed by administrators alone."""

    # (the users list is searched by words: UserAdmin below)
    word_search_exempt = "roles: a group named as the code names it"

    def has_module_permission(self, request):
        return _is_admin(request)

    def has_view_permission(self, request, obj=None):
        return _is_admin(request)

    def has_add_permission(self, request, *args):
        return _is_admin(request)

    def has_change_permission(self, request, obj=None):
        # Nobody but a superuser edits a superuser.
        return _is_admin(request) and (
            obj is None or not getattr(obj, "is_superuser", False) or request.user.is_superuser
        )

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: history keeps who did what


class UserForm(UserChangeForm):
    """The password is never set here: its link leads to the two ways a user re-enrols."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        password = self.fields.get("password")
        if password:
            password.help_text = format_html(
                '{} <a href="../password/" class="text-primary-600 dark:text-primary-500">{}</a>',
                _("Passwords are not stored and administrators do not set them."),
                _("Send a reset link or issue a one-time password"),
            )


@admin.register(User)
class UserAdmin(AdministratorOnly, BaseUserAdmin, ModelAdmin):
    form = UserForm
    add_form = UserCreationForm
    inlines = [UserScopeInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "roles"]
    list_filter = ["is_active", "groups"]
    # Searched by words like every list (access/accounts/search.py), through the copy of
    # these fields kept beside each account.
    word_search_exempt = None
    search_fields = [f"tcd_words__{name}" for name in UserWords.COPIED]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "groups"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]
    # Roles are ticked from a short list; the two-pane picker adds nothing here.
    filter_horizontal = ()
    actions = [reset_two_factor]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            # Nobody grants themselves a role or desk access, nor switches them off.
            fields += ["is_active", "is_staff", "is_superuser", "groups"]
        elif obj is not None and holds_or_awaits_clearance(obj):
            # Where a reset link goes, and a dormant account's clearance, are not for one
            # administrator to redirect or revive: remove the cleared role first (at once),
            # then ask for it again (confirmed by a second person).
            fields += ["email"] + ([] if obj.is_active else ["is_active"])
        return fields

    def get_search_results(self, request, queryset, search_term):
        return search_users(queryset, search_term), False

    def save_model(self, request, obj, form, change):
        before = User.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        keep_user_words([obj])
        if before is not None:
            log_account_edit(before, obj, by=request.user, request=request)
        else:
            record_initial_password(obj, by=request.user, request=request)

    def save_related(self, request, form, formsets, change):
        roles = form.cleaned_data.get("groups")
        if roles is None:  # not on this form (adding, or one's own account)
            return super().save_related(request, form, formsets, change)
        # The form leaves the roles as they are; the service decides what each change
        # needs (a cleared role waits for a second person's confirmation).
        form.cleaned_data["groups"] = list(form.instance.groups.all())
        super().save_related(request, form, formsets, change)
        try:
            pending = set_roles(
                form.instance, [g.name for g in roles], by=request.user, request=request
            )
        except GrantRefused as exc:
            messages.error(request, " ".join(exc.messages))
            return
        for grant in pending:
            messages.warning(
                request,
                _(
                    "The role %(role)s shows denouncers' identities: it takes effect once the "
                    "Chairman or the Board head confirms it (Role grant requests)."
                )
                % {"role": grant.get_role_display()},
            )

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is None or not self.has_change_permission(request, user):
            raise PermissionDenied
        return password_page(self, request, user)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=Role.values)
            kwargs["widget"] = UnfoldAdminCheckboxSelectMultipleWidget
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            field.label = _("roles")
            field.label_from_instance = role_label
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(role_label(g) for g in obj.groups.all())


@admin.register(Group)
class GroupAdmin(AdministratorOnly, BaseGroupAdmin, ModelAdmin):
    """Read only: the roles are fixed by the code, and renaming a group would hand its
    meaning (a clearance) to whoever is in it."""

    list_display = ["name", "role"]

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("roles"))
    def role(self, obj):
        return role_label(obj)
