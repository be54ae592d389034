"""The dossiers' desk pages: each agency's own list and form (it writes its briefing,
attaches its documents and submits), the Board's review (accept, or return with a
reason). An agency's officer never reaches another agency's dossier (404)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.contrib.filters.admin import RangeDateFilter

from ...access.desk import RuleAdmin
from ...access.export import export_csv, export_excel, field_columns
from ...workflow.desk import WorkflowAdminMixin
from .constants import OWED_STATES
from .models import HearingDossier
from .services import BRIEFING, write_briefing

LATE = '<strong style="color:rgb(185 28 28)">{}</strong>'


class LateFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("late", _("Submitted late"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.filter(state__in=OWED_STATES, due_date__lt=timezone.localdate())
        if self.value() == "late":
            return queryset.filter(submitted_late=True)
        return queryset


@admin.register(HearingDossier)
class HearingDossierAdmin(WorkflowAdminMixin, RuleAdmin):
    workflow_bulk_actions = ("accept",)
    actions = [export_excel, export_csv]
    export_columns = field_columns(
        HearingDossier, "session", "petition", "agency", "due_date", "state", "submitted_at"
    )
    list_display = ["session", "hearing", "agency", "due_date", "state", "lateness"]
    list_filter = ["state", LateFilter, ("due_date", RangeDateFilter)]
    list_select_related = ["session", "agenda_item", "petition", "agency"]
    search_fields = ["agency__name", "^petition__registration_number"]
    date_hierarchy = "due_date"
    readonly_fields = [
        "session",
        "hearing",
        "case_summary",
        "agency",
        "due_date",
        "state",
        "submitted_at",
        "lateness",
        "return_reason",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("session", "hearing"),
                    "case_summary",
                    ("agency", "due_date"),
                    ("state", "submitted_at", "lateness"),
                    "return_reason",
                ]
            },
        ),
        (_("Briefing"), {"fields": list(BRIEFING)}),
    ]

    def has_add_permission(self, request, *args) -> bool:
        return False  # asked of the agencies when the Chairman approves the session

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in BRIEFING if name in form.changed_data}
        if changes:
            saved = write_briefing(obj, changes, by=request.user)
            obj.__dict__.update({name: getattr(saved, name) for name in changes})

    @admin.display(description=_("hearing"), ordering="agenda_item__position")
    def hearing(self, obj):
        item = obj.agenda_item
        slot = f" ({item.slot_start:%H:%M})" if item.slot_start else ""
        return f"{item.position}. {obj.petition}{slot}"

    @admin.display(description=_("case"))
    def case_summary(self, obj):
        return obj.petition.summary

    @admin.display(description=_("late"))
    def lateness(self, obj):
        if obj.submitted_late:
            return format_html(LATE, _("Submitted late"))
        if obj.is_overdue:
            return format_html(LATE, _("Overdue"))
        return ""
