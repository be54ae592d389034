from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.desk import RuleAdmin, RuleInlineMixin
from ..admin_unit.admin import in_force_first, picker_date, validity_label
from .models import Agency, AgencySuccession
from .services import invalidate_agency_scope_cache


class AgencySuccessorInline(RuleInlineMixin, TabularInline):
    model = AgencySuccession
    fk_name = "old_agency"
    extra = 0
    fields = ["new_agency", "effective_on", "source"]
    autocomplete_fields = ["new_agency"]
    verbose_name_plural = _("successor agencies")


class AgencyPredecessorInline(RuleInlineMixin, TabularInline):
    model = AgencySuccession
    fk_name = "new_agency"
    extra = 0
    fields = ["old_agency", "effective_on", "source"]
    autocomplete_fields = ["old_agency"]
    verbose_name = _("former agency")
    verbose_name_plural = _("former agencies merged into it")


@admin.register(Agency)
class AgencyAdmin(RuleAdmin):
    list_display = ["name", "kind", "unit", "head_title", "active", "valid_from", "valid_to"]
    list_filter = ["kind", "active"]
    group_by_fields = ("kind", "unit", "active")
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["parent", "unit"]
    inlines = [AgencyPredecessorInline, AgencySuccessorInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The mergers say whose cases each officer sees: read afresh from now on.
        invalidate_agency_scope_cache()

    def get_search_results(self, request, queryset, search_term):
        qs, dup = super().get_search_results(request, queryset, search_term)
        if "/autocomplete/" in request.path:
            # Bodies in force on the form's date first (a merged department after).
            qs = in_force_first(qs, picker_date(request))
        return qs, dup

    def picker_label(self, request, obj) -> str:
        return validity_label(obj, picker_date(request))
