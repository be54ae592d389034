"""The recordings' register in the desk: the list (read only: what the system read of
each file is not edited), each recording's page, and the session form's list of its
recordings. Registering is on the session's recordings page (conference/); deleting is
the Board head's once the retention is over, through the service, never in bulk."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.desk import RuleAdmin, RuleInlineMixin
from ...access.export import export_csv, export_excel, field_columns
from . import storage
from .models import Recording, RecordingRetained
from .services import delete_recording

COLUMNS = ["hearing", "file_name", "human_size", "short_sha256", "retention_until", "checked"]


class RecordingColumns:
    @admin.display(description=_("hearing"), ordering="agenda_item__position")
    def hearing(self, obj):
        if obj.agenda_item_id is None:
            return _("The whole meeting")
        return str(obj.agenda_item)

    @admin.display(description=_("file"), ordering="location")
    def file_name(self, obj):
        return str(obj)

    @admin.display(description=_("size"), ordering="size")
    def human_size(self, obj):
        return storage.human_size(obj.size)

    @admin.display(description=_("SHA-256"))
    def short_sha256(self, obj):
        return f"{obj.short_hash}…"

    @admin.display(description=_("last check"), ordering="last_checked_at")
    def checked(self, obj):
        if not obj.last_checked_at:
            return "—"
        from django.utils import timezone

        at = timezone.localtime(obj.last_checked_at)
        return f"{obj.get_last_check_display()} ({at:%d/%m/%Y %H:%M})"


class RecordingInline(RecordingColumns, RuleInlineMixin, TabularInline):
    """The session form's recordings: what is registered for which hearing, and what
    the last nightly check found."""

    model = Recording
    extra = 0
    fields = COLUMNS
    readonly_fields = COLUMNS
    row_select_related = ["agenda_item__petition"]
    tab = True
    verbose_name_plural = _("recordings (Decree 154 Art. 24)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # registered on the session's recordings page

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Recording)
class RecordingAdmin(RecordingColumns, RuleAdmin):
    actions = [export_excel, export_csv]
    export_columns = field_columns(
        Recording, "session", "location", "size", "sha256", "retention_until", "last_check"
    )
    list_display = ["session", *COLUMNS]
    list_filter = ["source", "last_check"]
    list_select_related = ["session", "agenda_item__petition"]
    # By its session's words (its day, who presided), its file's place as written or
    # its SHA-256 (what the nightly check and an auditor hold).
    search_fields = ["session__date", "session__presiding_official", "^location", "=sha256"]
    date_hierarchy = "retention_until"
    readonly_fields = [
        "session",
        "hearing",
        "location",
        "human_size",
        "size",
        "sha256",
        "media_type",
        "duration_seconds",
        "started_at",
        "ended_at",
        "source",
        "backend_reference",
        "registered_by",
        "registered_at",
        "retention_until",
        "note",
        "last_check",
        "last_checked_at",
        "last_hashed_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, *args) -> bool:
        return False  # registered on the session's recordings page

    def has_delete_permission(self, request, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        from django.utils import timezone

        return obj is None or obj.retention_until < timezone.localdate()

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one by one, through the service
        return actions

    def delete_model(self, request, obj):
        delete_recording(obj, by=request.user)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except RecordingRetained as exc:  # the retention began to run again meanwhile
            messages.error(request, str(exc))
            url = reverse("admin:tiep_cong_dan_recording_change", args=[object_id])
            return HttpResponseRedirect(url)
