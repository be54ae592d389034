from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.compact_form import CompactFieldsetsMixin
from ...access.compact_inline import CompactTabularMixin
from ...access.desk import RuleAdmin, RuleInlineMixin
from ...access.export import export_csv, export_excel, field_columns
from ...access.rules import rule_for
from ...workflow.desk import WorkflowAdminMixin
from ..hearing_recording.admin import RecordingInline
from .access_log import log_identities_on_form
from .constants import HELD_SESSION_STATES
from .models import AgendaItem, Invitation, ReceptionSession
from .services import create_session


class AgendaInline(CompactTabularMixin, RuleInlineMixin, TabularInline):
    model = AgendaItem
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


class InvitationInline(CompactTabularMixin, RuleInlineMixin, TabularInline):
    """Who must be told what, by when (Decree 154 Art. 23), sent and acknowledged."""

    model = Invitation
    extra = 0
    fields = [
        "kind",
        "recipient",
        "message",
        "due_by",
        "sent_at",
        "acknowledged_at",
        "late",
        "letter",
    ]
    readonly_fields = ["kind", "recipient", "message", "due_by", "late", "letter"]

    tab = True

    def get_queryset(self, request):
        # A commune is named with its parent (AdministrativeUnit.__str__).
        return super().get_queryset(request).select_related("citizen", "unit__parent", "agency")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # prepared from the agenda when the Chairman approves the session

    @admin.display(description=_("invitee"))
    def recipient(self, obj):
        return obj.citizen or obj.unit or obj.agency or "—"

    @admin.display(description=_("letter"))
    def letter(self, obj):
        if not obj.pk:
            return ""
        letter = "admin:tiep_cong_dan_document"  # printing's download page
        return format_html(
            '<a href="{}" target="_blank">PDF</a> · <a href="{}">DOCX</a>{}',
            reverse(letter, args=["invitation", obj.pk, "pdf"]),
            reverse(letter, args=["invitation", obj.pk, "docx"]),
            f" ({obj.number})" if obj.number else "",
        )

    @admin.display(description=_("late"))
    def late(self, obj):
        from django.utils.html import format_html

        if not obj.late:
            return ""
        return format_html('<strong style="color:rgb(185 28 28)">{}</strong>', _("Late"))


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(CompactFieldsetsMixin, WorkflowAdminMixin, RuleAdmin):
    workflow_bulk_actions = ("approve",)
    actions = [export_excel, export_csv]
    # A button above the list (the past years' records): attached by the imports.
    export_columns = field_columns(
        ReceptionSession,
        "date",
        "kind",
        "start_time",
        "end_time",
        "host_bridge_point",
        "presiding_official",
        "capacity",
        "conference_platform",
        "state",
    )
    list_display = [
        "date",
        "kind",
        "start_time",
        "end_time",
        "host_bridge_point",
        "presiding_official",
        "state",
    ]
    # Columns a user may add ("Cột", access/list_views); the room's reference only for
    # those the rule shows it to (ROOM_SECRETS).
    list_display_optional = (
        "ad_hoc_ground",
        "capacity",
        "conference_platform",
        "conference_reference",
    )
    list_filter = ["kind", "state", "central_board_invited"]
    date_hierarchy = "date"
    group_by_fields = ("state", "kind", "host_bridge_point")
    calendar_date_field = "date"
    search_fields = ["presiding_official", "notes"]
    list_select_related = ["host_bridge_point"]
    autocomplete_fields = ["host_bridge_point", "invited_agencies", "invited_units"]
    readonly_fields = ["state", "conference_provisioned_at", "conference_error"]
    inlines = [AgendaInline, InvitationInline, RecordingInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("kind", "ad_hoc_ground"),
                    ("date", "start_time", "end_time"),
                    "host_bridge_point",
                    "presiding_official",
                    ("capacity", "slot_minutes", "group_slot_minutes", "gap_minutes"),
                    "dossier_working_days",
                    ("in_person_start", "in_person_end"),
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
                    "conference_alias",
                    ("host_pin", "guest_pin"),
                    "conference_reference",
                    ("conference_provisioned_at", "conference_error"),
                    "recording_reference",
                    "notes",
                ]
            },
        ),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "invited_units":
            # The chosen units are labelled with their parent: read with them, not one
            # query per unit.
            kwargs["queryset"] = db_field.related_model._default_manager.select_related("parent")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # What the last step left to the job queue, polled by the page (progress.py).
    change_form_before_template = "tiep_cong_dan/reception_session/progress.html"

    def get_urls(self):
        from django.urls import path

        own = [
            path(
                "<path:object_id>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="tiep_cong_dan_receptionsession_progress",
            )
        ]
        return own + super().get_urls()

    def progress_view(self, request, object_id):
        """JSON: the work the session's last step left, for those the rule lets see it."""
        from django.http import Http404, JsonResponse

        from .progress import step_progress

        session = self.get_object(request, object_id)  # the rule's queryset: scope applies
        if session is None:
            raise Http404
        return JsonResponse(step_progress(session))

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        create_session(obj, by=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        session = self.get_object(request, object_id) if response.status_code == 200 else None
        if session is not None:
            log_identities_on_form(request, session)
        return response

    def workflow_links(self, request, obj):
        from django.urls import reverse

        url = reverse("admin:tiep_cong_dan_receptionsession_agenda", args=[obj.pk])
        room = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[obj.pk])
        console = reverse("admin:tiep_cong_dan_receptionsession_console", args=[obj.pk])
        recordings = reverse("admin:tiep_cong_dan_receptionsession_recordings", args=[obj.pk])
        links = [
            (_("Agenda board"), url),
            (_("Video meeting"), room),
            (_("Console"), console),
            (_("Recordings"), recordings),
        ]
        return links + self._pack_links(request, obj) + self._notice_links(request, obj)

    def _pack_links(self, request, obj):
        # The Chairman's briefing pack, once the agencies were asked for their dossiers.
        from ...access.roles import PROVINCE_WIDE, has_any

        if not has_any(request.user, PROVINCE_WIDE) or not obj.dossiers.exists():
            return []
        url = reverse("admin:tiep_cong_dan_receptionsession_briefing_pack", args=[obj.pk])
        return [(_("The Chairman's briefing pack"), url)]

    def _notice_links(self, request, obj):
        # A held session's Result Notice: drawn up from here, or opened once it exists.
        from ..result_notice.models import ResultNotice

        if obj.state not in HELD_SESSION_STATES or not rule_for(ResultNotice).can_add(request.user):
            return []
        url = reverse("admin:tiep_cong_dan_receptionsession_result_notice", args=[obj.pk])
        return [(_("Draw up the result notice"), url)]

    def workflow_documents(self, request, obj):
        from django.urls import reverse

        rows = super().workflow_documents(request, obj)
        if rule_for(Invitation).queryset(request.user, obj.invitations.all()).exists():
            url = reverse("admin:tiep_cong_dan_session_invitations", args=[obj.pk])
            rows.append((_("All invitation letters, to print"), [("PDF", url)]))
        return rows
