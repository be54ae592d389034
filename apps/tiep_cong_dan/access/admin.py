from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline
from unfold.contrib.filters.admin import (
    AutocompleteSelectFilter,
    ChoicesDropdownFilter,
    RangeDateTimeFilter,
)
from unfold.forms import UserChangeForm, UserCreationForm
from unfold.widgets import UnfoldAdminCheckboxSelectMultipleWidget

from ..security.account_desk import password_page
from ..security.accounts import record_initial_password
from ..security.admin import reset_two_factor
from .desk import RuleLogAdmin
from .grants import admin as _grants  # noqa: F401
from .grants.services import (
    GrantRefused,
    holds_or_awaits_clearance,
    log_account_edit,
    set_roles,
)
from .models import ConfidentialAccess, UserScope
from .roles import Role, has_any

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


class AdministratorOnly:
    """Users and roles are managed by administrators alone."""

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

    def save_model(self, request, obj, form, change):
        before = User.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
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


def logged_models() -> dict:
    """The document types the access log names, by the code it stores."""
    from ..doctype.citizen.models import Citizen
    from ..doctype.petition.models import Petition

    return {"citizen": Citizen, "petition": Petition}


def _field_label(models, name: str) -> str:
    for model in models:
        if model is None:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.auto_created and not field.concrete:  # a reverse link: attachments...
            return str(field.related_model._meta.verbose_name_plural)
        return str(field.verbose_name)
    return name


class LoggedTypeFilter(admin.SimpleListFilter):
    title = _("document type")
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        return [(code, capfirst(m._meta.verbose_name)) for code, m in logged_models().items()]

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(ConfidentialAccess)
class ConfidentialAccessAdmin(RuleLogAdmin):
    """Who was shown which denouncer's identity or which citizen's personal data, for
    administrators (the rule in access/permissions.py); nobody edits an entry."""

    list_display = [
        "at",
        "kind",
        "user",
        "document_type",
        "documents",
        "fields_shown",
        "path",
        "ip_address",
    ]
    list_filter = [
        ("kind", ChoicesDropdownFilter),
        ("user", AutocompleteSelectFilter),
        LoggedTypeFilter,
        ("at", RangeDateTimeFilter),
    ]
    list_filter_submit = True
    list_select_related = ["user"]
    search_fields = ["user__username", "object_ids"]

    # The entry keeps codes (stable across translations); the page names them.
    @admin.display(description=_("document type"), ordering="object_type")
    def document_type(self, obj) -> str:
        model = logged_models().get(obj.object_type)
        return capfirst(model._meta.verbose_name) if model else obj.object_type

    @admin.display(description=_("documents"))
    def documents(self, obj) -> str:
        ids = obj.object_ids.split(",")
        shown = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
        return f"{len(ids)}: {shown}" if len(ids) > 1 else shown

    @admin.display(description=_("fields shown"))
    def fields_shown(self, obj) -> str:
        from ..doctype.citizen.models import Citizen

        models = [logged_models().get(obj.object_type), Citizen]
        return ", ".join(_field_label(models, name) for name in obj.fields.split(",") if name)
