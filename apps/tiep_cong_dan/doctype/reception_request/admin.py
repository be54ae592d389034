"""The Board's desk for online requests: the list opens on those waiting for the
identity check; a request's page shows what the citizen sent, with two actions:
"Chuyển thành đơn" (after checking the identity papers) and "Từ chối" (with the reason
the citizen is told). Both call the services; the workflow moves the state."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ...access.confidential import log_confidential_access
from ...access.desk import RuleAdmin
from ...access.models import AccessKind
from ...core.typed import errors_by_field
from ...workflow.desk import WorkflowAdminMixin, timeline_context
from ...workflow.engine import TransitionRefused
from .constants import IdentityCheckPlace, RequestState
from .models import ReceptionRequest, RequestAttachment
from .permissions import PERSONAL_FIELDS
from .services import convert_to_petition, decline_request


class WaitingFilter(admin.SimpleListFilter):
    """The Board's queue: the requests waiting for the check, unless asked."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        shown = [s for s in RequestState if s != RequestState.AWAITING_PHONE]
        return [(s.value, s.label) for s in shown] + [("all", _("All"))]

    def queryset(self, request, queryset):
        value = self.value() or RequestState.SUBMITTED
        return queryset if value == "all" else queryset.filter(state=value)

    def choices(self, changelist):
        current = self.value() or RequestState.SUBMITTED
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class ConvertForm(forms.Form):
    place = forms.ChoiceField(
        label=_("Where the identity papers were checked"), choices=IdentityCheckPlace.choices
    )
    note = forms.CharField(
        label=_("Result of the identity check"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "For example: Checked against the original citizen identity card; name and "
            "number match."
        ),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=400,
        help_text=_("The citizen receives this reason by SMS (and by e-mail if given)."),
    )


class RequestAttachmentInline(admin.TabularInline):
    """The files the citizen sent (read only: the request's page lists them, masked as
    its rule says; conversion copies them onto the petition)."""

    model = RequestAttachment
    fields = ["original_name", "size"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReceptionRequest)
class ReceptionRequestAdmin(WorkflowAdminMixin, RuleAdmin):
    inlines = [RequestAttachmentInline]
    list_display = ["number", "submitted_at", "kind", "residence_unit", "bridge_choice", "state"]
    list_filter = [WaitingFilter, "kind"]
    list_select_related = ["residence_unit"]
    search_fields = ["^number"]

    def has_add_permission(self, request, *args) -> bool:
        return False  # citizens send requests on the public site

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.rule.queryset(request.user).filter(pk=object_id).first()
        if obj is None:
            raise Http404
        convert_form = ConvertForm(prefix="convert")
        decline_form = DeclineForm(prefix="decline")
        may_decide = self.rule.may_decide(request.user) and obj.state == RequestState.SUBMITTED
        if request.method == "POST":
            if not may_decide:
                raise Http404
            done, convert_form, decline_form = self._decide(
                request, obj, convert_form, decline_form
            )
            if done is not None:
                return done
        visible = self.rule.identity_visible(request.user, obj)
        if visible:
            log_confidential_access(
                request,
                object_type="reception_request",
                object_ids=[obj.pk],
                fields=PERSONAL_FIELDS,
                kind=AccessKind.CONFIDENTIAL if obj.is_denunciation else AccessKind.PERSONAL,
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Online reception request %(number)s") % {"number": obj.number},
            "opts": self.model._meta,
            "original": obj,
            "req": obj,
            "identity_visible": visible,
            "attachments": list(obj.attachments.all()) if visible else [],
            "may_decide": may_decide,
            "convert_form": convert_form,
            "decline_form": decline_form,
            "list_url": reverse("admin:tiep_cong_dan_receptionrequest_changelist"),
            # The steps taken (sent, phone confirmed, converted or declined), as on
            # every other document's page.
            **timeline_context(request, obj),
        }
        return TemplateResponse(request, "tiep_cong_dan/reception_request/review.html", context)

    def _decide(self, request, obj, convert_form, decline_form):
        action = request.POST.get("action")
        if action == "convert":
            convert_form = ConvertForm(request.POST, prefix="convert")
            if convert_form.is_valid():
                try:
                    petition = convert_to_petition(
                        obj,
                        by=request.user,
                        place=convert_form.cleaned_data["place"],
                        note=convert_form.cleaned_data["note"],
                    )
                except (ValidationError, TransitionRefused) as exc:
                    self._refused(convert_form, exc)
                else:
                    messages.success(
                        request,
                        _("Request %(number)s was converted into petition %(petition)s.")
                        % {"number": obj.number, "petition": petition.registration_number},
                    )
                    url = reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])
                    return HttpResponseRedirect(url), convert_form, decline_form
        elif action == "decline":
            decline_form = DeclineForm(request.POST, prefix="decline")
            if decline_form.is_valid():
                try:
                    decline_request(
                        obj, by=request.user, reason=decline_form.cleaned_data["reason"]
                    )
                except (ValidationError, TransitionRefused) as exc:
                    self._refused(decline_form, exc)
                else:
                    messages.success(
                        request,
                        _("Request %(number)s was declined; the reason was sent to the citizen.")
                        % {"number": obj.number},
                    )
                    url = reverse("admin:tiep_cong_dan_receptionrequest_changelist")
                    return HttpResponseRedirect(url), convert_form, decline_form
        return None, convert_form, decline_form

    @staticmethod
    def _refused(form, exc) -> None:
        if isinstance(exc, TransitionRefused):
            for reason in exc.reasons or [str(exc)]:
                form.add_error(None, reason)
            return
        for name, texts in errors_by_field(exc, {}).items():
            for text in texts:
                form.add_error(None, f"{name}: {text}" if name and name != "__all__" else text)
