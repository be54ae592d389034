from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.desk import RuleAdmin, RuleInlineMixin
from .models import AdministrativeUnit, UnitSuccession


class SuccessionInline(RuleInlineMixin, TabularInline):
    model = UnitSuccession
    fk_name = "old_unit"
    extra = 0
    autocomplete_fields = ["new_unit"]
    verbose_name_plural = _("successor units")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(RuleAdmin):
    list_display = ["code", "name", "level", "parent", "era", "valid_from", "valid_to"]
    list_filter = ["era", "level", "unit_type"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["parent", "parent__parent"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]
    ordering = ["era", "level", "code"]

    def get_search_results(self, request, queryset, search_term):
        qs, dup = super().get_search_results(request, queryset, search_term)
        if "/autocomplete/" in request.path:
            # Pickers on forms offer the units in force today; the earlier units stay
            # on the records that already carry them.
            today = timezone.localdate()
            qs = qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        return qs, dup
