"""Print formats in the desk: read by the Board, edited by administrators, checked
before saving against a real record (an error names the template, the line and the
kind of error, never a value), previewed as PDF; both in the outside reader's copy
(samples.py); and the printing URLs every document's page links to."""

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.widgets import UnfoldAdminTextareaWidget

from ..access.attach import Page, attach_pages
from ..access.desk import RuleAdmin
from ..doctype.citizen.personal_data import log_people_shown
from ..workflow.desk import show_documents_with
from . import briefing_desk, desk, lookup_documents
from .loader import shipped_source
from .models import PrintFormat
from .render import PrintFormatError, current_sources, render_html
from .samples import check_sources, preview_context, preview_people
from .service import to_format
from .signing import verify_desk

# Each workflow document's action panel lists the documents printed from it.
show_documents_with(desk.document_rows)

# "Tài liệu phục vụ Chủ tịch" on a session's page (the session's panel links it).
attach_pages(
    "tiep_cong_dan.ReceptionSession",
    Page("<path:object_id>/briefing-pack/", briefing_desk.pack_view, briefing_desk.URL_NAME),
)

# The receipt 02/TCD with the lookup code just issued, printed from the petition's page.
attach_pages(
    "tiep_cong_dan.Petition",
    Page(
        "<path:object_id>/receipt-with-code/",
        lookup_documents.receipt_with_code_view,
        lookup_documents.RECEIPT_WITH_CODE_URL,
    ),
)

# A print format is a page or two of markup; the longest shipped one is under 5 000
# characters. A text far longer is not a template anyone maintains.
MAX_TEMPLATE_CHARS = 100_000


class PrintFormatForm(forms.ModelForm):
    class Meta:
        model = PrintFormat
        fields = ["name", "description", "template"]
        widgets = {
            "template": UnfoldAdminTextareaWidget(
                attrs={
                    "rows": 30,
                    "style": "font-family:monospace;font-size:13px",
                    "spellcheck": "false",
                }
            )
        }

    def clean_template(self):
        text = self.cleaned_data["template"]
        if len(text) > MAX_TEMPLATE_CHARS:
            raise forms.ValidationError(
                _("A print format may be at most %(limit)s characters long."),
                params={"limit": f"{MAX_TEMPLATE_CHARS:,}".replace(",", ".")},
            )
        sources = {**current_sources(), f"{self.instance.code}.html": text}
        try:
            check_sources(sources, self.instance.code)
        except PrintFormatError as exc:
            error = forms.ValidationError(
                _("The template does not render: %(error)s"), params={"error": exc}
            )
            # Also above the form: the template box is long, its own error far below.
            self.add_error(None, error)
            raise error from exc
        return text


@admin.register(PrintFormat)
class PrintFormatAdmin(RuleAdmin):
    form = PrintFormatForm
    list_display = ["name", "code", "updated_at", "updated_by", "preview_link"]
    search_fields = ["name", "code"]
    readonly_fields = ["code", "updated_at", "updated_by", "preview_link"]
    fields = ["code", "name", "description", "template", "updated_at", "updated_by", "preview_link"]
    actions = ["reset_to_shipped"]

    def has_add_permission(self, request, *args) -> bool:
        return False  # a format without a document to print would never be used

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        url = reverse("admin:tiep_cong_dan_printformat_preview", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Preview (PDF)"))

    @admin.action(description=_("Reset to the shipped template"))
    def reset_to_shipped(self, request, queryset):
        if not self.rule.can_change(request.user):
            messages.error(request, _("Only administrators change print formats."))
            return
        for fmt in queryset:
            # No editor: the format follows the shipped file again on upgrades.
            fmt.template, fmt.updated_by = shipped_source(fmt.code), None
            fmt.save()
        messages.success(
            request, _("%(count)s print format(s) reset.") % {"count": queryset.count()}
        )

    def preview_view(self, request, pk):
        fmt_obj = self.get_object(request, str(pk))
        if fmt_obj is None:
            raise Http404  # as for a format that does not exist
        change = reverse("admin:tiep_cong_dan_printformat_change", args=[pk])
        found = preview_context(fmt_obj.code, request.user)
        if found is None:
            messages.warning(request, _("There is no record of this kind yet to preview with."))
            return HttpResponseRedirect(change)
        try:
            data = to_format(render_html(*found), "pdf")
        except PrintFormatError as exc:
            return desk.template_failed(request, exc, change)
        people, fields = preview_people(fmt_obj.code, request.user)
        log_people_shown(request, people, fields=fields)
        return desk.file_response(data, f"xem-thu-{fmt_obj.code}", "pdf")

    def get_urls(self):
        wrap = self.admin_site.admin_view
        site = self.admin_site
        return [
            path(
                "<int:pk>/preview/",
                wrap(self.preview_view),
                name="tiep_cong_dan_printformat_preview",
            ),
            path(
                "print/<slug:code>/<int:pk>/<slug:fmt>/",
                wrap(desk.document_view),
                name="tiep_cong_dan_document",
            ),
            path(
                "print/session-invitations/<int:pk>/",
                wrap(desk.session_invitations_view),
                name="tiep_cong_dan_session_invitations",
            ),
            path(
                "print/job/<str:job_id>/",
                wrap(desk.export_view),
                name="tiep_cong_dan_export",
            ),
            path(
                "print/verify/",
                wrap(lambda request: verify_desk.signature_check_view(request, site)),
                name=verify_desk.URL_NAME,
            ),
            path(
                "print/register/",
                wrap(lambda request: desk.register_view(request, site)),
                name="tiep_cong_dan_register",
            ),
        ] + super().get_urls()
