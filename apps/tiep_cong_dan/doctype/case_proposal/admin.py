"""The proposals' desk: a commune or district officer proposes a case of their area;
the Board classifies the proposals waiting (the list opens on them) with the workflow
panel on each one's page (accept, or decline with the reason)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ...access.attach import ListButton, Page, attach_list_button, attach_pages
from ...access.desk import RuleAdmin
from ...core.records import save_changes
from ...workflow.desk import WorkflowAdminMixin
from . import desk
from .constants import ProposalState
from .models import CaseProposal
from .services import check_proposal, propose_case


class ProposalForm(forms.ModelForm):
    """Checks the proposal as the service will (the officer's area first), so that a
    refusal shows beside its field."""

    desk_user = None

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk or self.errors or not self.instance.petition_id:
            return
        try:
            check_proposal(self.instance, self.instance.petition, by=self.desk_user)
        except ValidationError as exc:
            self._update_errors(exc)


class WaitingFilter(admin.SimpleListFilter):
    """The Board's queue of proposals to classify: those submitted, unless asked."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(s.value, s.label) for s in ProposalState] + [("all", _("All"))]

    def queryset(self, request, queryset):
        value = self.value() or ProposalState.SUBMITTED
        return queryset if value == "all" else queryset.filter(state=value)

    def choices(self, changelist):
        current = self.value() or ProposalState.SUBMITTED
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


# "Đăng ký vụ việc mới và đề xuất" beside the list, for a commune's or district's
# citizen whose case is not registered yet.
attach_pages(
    "tiep_cong_dan.CaseProposal",
    Page("register/", desk.register_view, desk.URL_NAME),
)
attach_list_button(
    "tiep_cong_dan.CaseProposal",
    ListButton(
        name="register_and_propose",
        label=_("Register a new case and propose it"),
        icon="person_add",
        url_path="register-button",
        view=lambda model_admin, request: HttpResponseRedirect(reverse(f"admin:{desk.URL_NAME}")),
        allowed=lambda model_admin, request: model_admin.rule.proposes(request.user),
    ),
)


@admin.register(CaseProposal)
class CaseProposalAdmin(WorkflowAdminMixin, RuleAdmin):
    list_display = ["petition", "proposing_unit", "ground", "proposed_at", "state"]
    list_filter = [WaitingFilter, "ground"]
    list_select_related = ["petition", "proposing_unit__parent"]
    search_fields = ["^petition__registration_number"]
    autocomplete_fields = ["petition"]
    readonly_fields = ["state", "proposing_agency", "proposed_by", "proposed_at", "decline_reason"]

    def get_fields(self, request, obj=None):
        fields = ["petition", "ground", "details", "letter"]
        if self.rule.may_decide(request.user):
            fields.insert(1, "proposing_unit")  # the Board records one on a letter
        if obj is not None:
            fields += self.readonly_fields
            if "details" in self.rule.masked_fields(request.user, obj):
                fields.remove("details")
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # the case and the proposer are what was proposed
            return [*self.readonly_fields, "petition", "proposing_unit"]
        return self.readonly_fields

    def get_autocomplete_fields(self, request):
        if self.rule.may_decide(request.user):
            return ["petition", "proposing_unit"]
        return ["petition"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = type("CaseProposalForm", (ProposalForm,), {"desk_user": request.user})
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            changes = {name: getattr(obj, name) for name in form.changed_data}
            save_changes(obj, changes, by=request.user)
            return
        propose_case(obj, by=request.user)
