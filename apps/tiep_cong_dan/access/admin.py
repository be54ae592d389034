from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline
from unfold.contrib.filters.admin import (
    AutocompleteSelectFilter,
    ChoicesDropdownFilter,
    RangeDateTimeFilter,
)
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm
from unfold.widgets import UnfoldAdminCheckboxSelectMultipleWidget

from ..security.admin import reset_two_factor
from .desk import RuleLogAdmin
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


@admin.register(User)
class UserAdmin(AdministratorOnly, BaseUserAdmin, ModelAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = AdminPasswordChangeForm
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

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
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
    list_display = ["name", "role"]

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
