from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from unfold.admin import StackedInline
from unfold.contrib.filters.admin import RangeDateFilter

from ...access.attach import Page, attach_pages
from ...access.confidential import MASK
from ...access.desk import RuleAdmin, RuleInlineMixin
from ...access.export import export_csv, export_excel, field_columns
from ...access.rules import rule_for
from ...workflow.desk import WorkflowAdminMixin
from ..petition.models import Petition
from .constants import IN_FORCE_STATES
from .desk import (
    REPLACEMENT_URL_NAME,
    URL_NAME,
    draft_notice_view,
    draft_replacement_view,
    may_draft_replacement,
)
from .models import Assignment, Conclusion, ResultNotice
from .services import assign_task, draft_result_notice

# "Lập thông báo kết quả" on a session's page (the session's panel links it).
attach_pages(
    "tiep_cong_dan.ReceptionSession",
    Page("<path:object_id>/result-notice/", draft_notice_view, URL_NAME),
)
# "Lập thông báo thay thế" on an issued notice's page (its panel links it).
attach_pages(
    "tiep_cong_dan.ResultNotice",
    Page("<path:object_id>/replacement/", draft_replacement_view, REPLACEMENT_URL_NAME),
)


def _change(notice) -> str:
    return reverse("admin:tiep_cong_dan_resultnotice_change", args=[notice.pk])


class _ScopedInline(RuleInlineMixin):
    # The rows each reader may see come from the conclusion's and the assignment's
    # own rules (RuleInlineMixin).
    extra = 0


class ConclusionInline(_ScopedInline, StackedInline):
    model = Conclusion
    autocomplete_fields = ["petition"]
    row_select_related = ["notice__session", "petition"]  # each row's title names both


class AssignmentInline(_ScopedInline, StackedInline):
    # Stacked, the task over the row's width: as a table row of seven columns it
    # scrolled sideways and left the task a 120 px box.
    model = Assignment
    autocomplete_fields = ["petition", "agency"]
    fields = [("petition", "agency"), "task", ("deadline", "working_days", "state")]
    readonly_fields = ["state"]
    show_change_link = True
    row_select_related = ["notice__session"]


@admin.register(ResultNotice)
class ResultNoticeAdmin(WorkflowAdminMixin, RuleAdmin):
    actions = [export_excel, export_csv]
    export_columns = field_columns(
        ResultNotice, "number", "issued_date", "session", "signer_name", "state"
    )
    list_display = ["number", "issued_date", "session", "signer_name", "state"]
    list_filter = ["state", "session__kind"]
    group_by_fields = ("state",)
    calendar_date_field = "issued_date"
    search_fields = ["number", "signer_name"]
    list_select_related = ["session"]
    autocomplete_fields = ["session"]
    readonly_fields = ["number", "issued_date", "state", "replaces"]
    date_hierarchy = "issued_date"
    inlines = [ConclusionInline, AssignmentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("number", "issued_date"),
                    "session",
                    "replaces",
                    ("signer_name", "signer_title"),
                ]
            },
        ),
        (_("Recipients"), {"fields": ["recipients"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.replaces_id:
            return fieldsets
        # Only a correction names the notice it replaces.
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f != "replaces"]})
            for name, opts in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.replaces_id:
            fields.append("session")  # a correction stays with its session
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        draft_result_notice(obj, by=request.user)

    def workflow_links(self, request, obj):
        # The correction chain: the notice it replaces, the one replacing it, or the
        # page that drafts a replacement of a notice in force.
        rule, links = rule_for(ResultNotice), []
        earlier = obj.replaces
        if earlier is not None and rule.can_view(request.user, earlier):
            label = _("Replaces notice %(number)s") % {"number": earlier.number}
            links.append((label, _change(earlier)))
        later = ResultNotice.objects.filter(replaces=obj).first()
        if later is not None and rule.can_view(request.user, later):
            label = _("Replaced by notice %(number)s") if later.number else _("Replacement (draft)")
            links.append((label % {"number": later.number}, _change(later)))
        elif obj.state in IN_FORCE_STATES and may_draft_replacement(request.user, obj):
            url = reverse(f"admin:{REPLACEMENT_URL_NAME}", args=[obj.pk])
            links.append((_("Draw up a replacement notice"), url))
        return links

    def save_formset(self, request, form, formset, change):
        if formset.model is not Assignment:
            return super().save_formset(request, form, formset, change)
        for assignment in formset.save(commit=False):
            if assignment.pk:
                assignment._history_user = request.user
                assignment.save()
            else:
                assign_task(assignment, by=request.user)
        for gone in formset.deleted_objects:
            gone.delete()
        formset.save_m2m()


class AssignmentOverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue"))]

    def queryset(self, request, queryset):
        from django.utils import timezone

        from .constants import OPEN_ASSIGNMENT_STATES

        if self.value() == "yes":
            return queryset.filter(
                state__in=OPEN_ASSIGNMENT_STATES, deadline__lt=timezone.localdate()
            )
        return queryset


@admin.register(Assignment)
class AssignmentAdmin(WorkflowAdminMixin, RuleAdmin):
    """The follow-up desk: agencies report here, the Board accepts or returns."""

    workflow_bulk_actions = ("accept",)
    actions = [export_excel, export_csv]
    export_columns = field_columns(
        Assignment, "agency", "task", "notice", "petition", "deadline", "state", "done_on", "report"
    )
    list_display = ["agency", "short_task", "notice", "petition", "deadline", "state", "overdue"]
    list_filter = ["state", AssignmentOverdueFilter, ("deadline", RangeDateFilter)]
    list_select_related = ["agency", "notice__session", "petition"]
    group_by_fields = ("state", "agency")
    calendar_date_field = "deadline"  # the follow-up's month of deadlines
    search_fields = ["task", "agency__name", "notice__number", "^petition__registration_number"]
    readonly_fields = ["notice", "petition", "agency", "task", "deadline", "state"]
    fields = [
        ("notice", "petition"),
        ("agency", "deadline"),
        "task",
        ("done_on",),
        "report",
    ]

    def has_add_permission(self, request, *args) -> bool:
        return False  # tasks are given in a result notice

    def calendar_item(self, request, obj) -> tuple[str, str]:
        # The task of a denunciation may name the denouncer: its case's number instead,
        # for whom the case's words are hidden.
        if rule_for(Petition).free_text_masked(request.user, obj.petition):
            title = f"{obj.agency} · {obj.petition} · {MASK}"
        else:
            title = f"{obj.agency}: {self.short_task(obj)}"
        return title, str(obj.get_state_display())

    @admin.display(description=_("task"))
    def short_task(self, obj):
        return obj.task if len(obj.task) <= 80 else obj.task[:77] + "…"

    @admin.display(description=_("overdue"))
    def overdue(self, obj):
        from django.utils.html import format_html

        if not obj.is_overdue:
            return ""
        return format_html('<strong style="color:rgb(185 28 28)">{}</strong>', _("Overdue"))
