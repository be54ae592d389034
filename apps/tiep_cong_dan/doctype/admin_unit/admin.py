import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.desk import RuleAdmin, RuleInlineMixin
from .models import AdministrativeUnit, UnitSuccession
from .services import validity_text

SUCCESSION_FIELDS = ["effective_on", "whole", "main", "source"]


class SuccessionInline(RuleInlineMixin, TabularInline):
    model = UnitSuccession
    fk_name = "old_unit"
    extra = 0
    fields = ["new_unit", *SUCCESSION_FIELDS]
    autocomplete_fields = ["new_unit"]
    verbose_name_plural = _("successor units")


class PredecessorInline(RuleInlineMixin, TabularInline):
    model = UnitSuccession
    fk_name = "new_unit"
    extra = 0
    fields = ["old_unit", *SUCCESSION_FIELDS]
    autocomplete_fields = ["old_unit"]
    verbose_name = _("predecessor unit")
    verbose_name_plural = _("predecessor units")


def picker_date(request) -> datetime.date:
    """The date a picker offers units for: the form's (`on`, sent by the dated forms'
    script) or today."""
    value = request.GET.get("on", "").strip()
    if value:
        try:
            return forms.DateField().to_python(value)
        except ValidationError:
            pass
    return timezone.localdate()


def in_force_first(queryset, day: datetime.date):
    """What was in force on `day` first; the rest after it, the latest first."""
    in_force = (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    # A search's ranking (access/search.py) stays first.
    ranked = ["search_rank"] if "search_rank" in queryset.query.annotations else []
    return queryset.annotate(
        not_in_force_rank=Case(
            When(in_force, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by(*ranked, "not_in_force_rank", "-valid_to", "name")


def validity_label(obj, day: datetime.date) -> str:
    """A picker's text: the name, and the validity of what was not in force on `day`."""
    if obj.is_valid_on(day):
        return str(obj)
    return f"{obj} ({validity_text(obj)})"


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(RuleAdmin):
    list_display = ["code", "name", "level", "parent", "era", "valid_from", "valid_to"]
    list_filter = ["era", "level", "unit_type"]
    group_by_fields = ("era", "level", "parent")
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["parent", "parent__parent"]
    autocomplete_fields = ["parent"]
    inlines = [PredecessorInline, SuccessionInline]
    ordering = ["era", "level", "code"]

    def get_search_results(self, request, queryset, search_term):
        qs, dup = super().get_search_results(request, queryset, search_term)
        if "/autocomplete/" in request.path:
            # Pickers offer the units in force on the form's date (today by default)
            # first; earlier and later units follow with their dates, so a past
            # record can name the unit of its day.
            qs = in_force_first(qs.select_related("parent"), picker_date(request))
        return qs, dup

    def picker_label(self, request, obj) -> str:
        return validity_label(obj, picker_date(request))
