from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline
from unfold.contrib.filters.admin import RangeDateTimeFilter
from unfold.decorators import action

from ...access.desk import RuleAdmin, RuleInlineMixin
from ...access.export import export_csv, export_excel, field_columns
from ..admin_unit.admin import picker_date
from .models import BridgePoint, ConnectionTest
from .services import retire_bridge_point


def in_service_first(queryset, day):
    """The rooms in service on `day` first; the retired ones after, the latest first."""
    in_force = Q(retired_on__isnull=True, active=True) | Q(retired_on__gt=day)
    # A search's ranking (access/search.py) stays first.
    ranked = ["search_rank"] if "search_rank" in queryset.query.annotations else []
    return queryset.annotate(
        retired_rank=Case(
            When(in_force, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by(*ranked, "retired_rank", "-retired_on", "level", "code")


class ConnectionTestInline(RuleInlineMixin, TabularInline):
    model = ConnectionTest
    extra = 0
    fields = ["tested_at", "result", "audio_ok", "video_ok", "tested_by", "notes"]
    readonly_fields = ["tested_by"]
    ordering = ["-tested_at"]
    max_num = 50


@admin.register(BridgePoint)
class BridgePointAdmin(RuleAdmin):
    list_display = ["code", "name", "level", "unit", "platform", "equipment_status", "active"]
    list_filter = ["active", "level", "platform", "equipment_status"]
    search_fields = ["code", "name", "unit__name", "dial_address"]
    list_select_related = ["unit"]
    group_by_fields = ("level", "unit", "agency", "platform", "equipment_status")
    autocomplete_fields = ["unit", "agency"]
    readonly_fields = ["active", "retired_on", "retirement_reason"]
    inlines = [ConnectionTestInline]
    actions = ["retire_selected", export_excel, export_csv]
    export_columns = field_columns(
        BridgePoint,
        "code",
        "name",
        "level",
        "unit",
        "platform",
        "dial_address",
        "capacity",
        "contact_name",
        "contact_phone",
        "equipment_status",
        "active",
    )

    def get_search_results(self, request, queryset, search_term):
        qs, dup = super().get_search_results(request, queryset, search_term)
        if "/autocomplete/" in request.path:
            # Pickers (a session's host, a hearing's room, a test) offer the rooms in
            # service on the form's date first; retired ones follow, marked.
            qs = in_service_first(qs, picker_date(request))
        return qs, dup

    def picker_label(self, request, obj) -> str:
        day = picker_date(request)
        if obj.in_force_on(day):
            return f"{obj.name} ({obj.code})"
        return str(
            _("%(name)s (%(code)s) — retired from %(date)s")
            % {
                "name": obj.name,
                "code": obj.code,
                "date": obj.retired_on.strftime("%d/%m/%Y") if obj.retired_on else "—",
            }
        )

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if isinstance(obj, ConnectionTest) and not obj.tested_by_id:
                obj.tested_by = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()

    @action(description=_("Retire the selected bridge points"), permissions=["change"])
    def retire_selected(self, request, queryset):
        done = 0
        for point in queryset:
            try:
                retire_bridge_point(
                    point, on=timezone.localdate(), reason=str(_("Retired from the desk"))
                )
                done += 1
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.WARNING)
        self.message_user(request, _("%(n)s bridge points retired.") % {"n": done})


@admin.register(ConnectionTest)
class ConnectionTestAdmin(RuleAdmin):
    list_display = ["bridge_point", "tested_at", "result", "audio_ok", "video_ok", "tested_by"]
    list_filter = ["result", "bridge_point__level", ("tested_at", RangeDateTimeFilter)]
    list_filter_submit = True
    search_fields = ["bridge_point__code", "bridge_point__name"]
    list_select_related = ["bridge_point", "tested_by"]
    group_by_fields = ("result", "bridge_point")
    calendar_date_field = "tested_at"
    autocomplete_fields = ["bridge_point"]
    readonly_fields = ["tested_by"]

    def save_model(self, request, obj, form, change):
        if not obj.tested_by_id:
            obj.tested_by = request.user
        super().save_model(request, obj, form, change)
