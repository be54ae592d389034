from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.desk import RuleAdmin, RuleInlineMixin
from ...access.rules import rule_for
from ...workflow.desk import WorkflowAdminMixin
from ..petition.models import Petition
from .models import AgendaItem, ReceptionSession
from .services import create_session


class AgendaFormSet(BaseInlineFormSet):
    def get_queryset(self):
        # A scoped viewer sees only the hearings of petitions they may see.
        return (
            super()
            .get_queryset()
            .filter(petition__in=rule_for(Petition).queryset(self.request_user).values("pk"))
        )


class AgendaInline(RuleInlineMixin, TabularInline):
    model = AgendaItem
    formset = AgendaFormSet
    extra = 0
    ordering = ["position"]
    autocomplete_fields = ["petition", "bridge_point"]
    fields = [
        "position",
        "petition",
        "mode",
        "slot_start",
        "slot_end",
        "bridge_point",
        "attendees",
        "attendance_count",
        "heard",
    ]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request_user = request.user
        return formset


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(WorkflowAdminMixin, RuleAdmin):
    workflow_bulk_actions = ("approve",)
    list_display = [
        "date",
        "kind",
        "start_time",
        "end_time",
        "host_bridge_point",
        "presiding_official",
        "state",
    ]
    list_filter = ["kind", "state", "central_board_invited"]
    date_hierarchy = "date"
    search_fields = ["presiding_official", "notes"]
    list_select_related = ["host_bridge_point"]
    autocomplete_fields = ["host_bridge_point", "invited_agencies", "invited_units"]
    readonly_fields = ["state"]
    inlines = [AgendaInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("kind", "ad_hoc_ground"),
                    ("date", "start_time", "end_time"),
                    "host_bridge_point",
                    "presiding_official",
                    "capacity",
                ]
            },
        ),
        (
            _("Invitations"),
            {"fields": ["invited_agencies", "central_board_invited", "invited_units"]},
        ),
        (
            _("Conference"),
            {
                "fields": [
                    "conference_platform",
                    "conference_reference",
                    "recording_reference",
                    "notes",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        create_session(obj, by=request.user)
