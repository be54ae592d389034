from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from unfold.contrib.filters.admin import (
    AutocompleteSelectFilter,
    ChoicesDropdownFilter,
    RangeDateTimeFilter,
)

from .desk import RuleLogAdmin
from .models import ConfidentialAccess
from .rules import logged_types


def _model_named(code: str):
    return logged_types().get(code)


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
        return [(code, capfirst(m._meta.verbose_name)) for code, m in logged_types().items()]

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(ConfidentialAccess)
class ConfidentialAccessAdmin(RuleLogAdmin):
    """Who was shown which denouncer's identity or which citizen's personal data, for
    administrators (the rule in access/permissions.py); nobody edits an entry."""

    word_search_exempt = "the access log: a login name or record numbers as written"

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
        model = _model_named(obj.object_type)
        return capfirst(model._meta.verbose_name) if model else obj.object_type

    @admin.display(description=_("documents"))
    def documents(self, obj) -> str:
        ids = obj.object_ids.split(",")
        shown = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
        return f"{len(ids)}: {shown}" if len(ids) > 1 else shown

    @admin.display(description=_("fields shown"))
    def fields_shown(self, obj) -> str:
        # An entry about a petition may name its petitioner's fields too.
        models = [_model_named(obj.object_type), _model_named("citizen")]
        return ", ".join(_field_label(models, name) for name in obj.fields.split(",") if name)
