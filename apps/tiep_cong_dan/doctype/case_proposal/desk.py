"""A commune or district registers a new case on the citizen's behalf and proposes it,
on one page: the citizen, the case and the grounds, written by one service call
(services.register_and_propose) or not at all."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...access.rules import rule_for
from ...access.scope import unit_scope_ids
from ...core.typed import errors_by_field
from ..admin_unit.models import AdministrativeUnit
from ..citizen.models import Citizen
from ..petition.constants import Channel, PetitionKind
from ..petition.models import Petition
from .constants import ProposalGround
from .models import CaseProposal
from .services import register_and_propose

URL_NAME = "tiep_cong_dan_caseproposal_register"


class NewCaseForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Petitioner's full name"), max_length=120)
    id_number = forms.CharField(
        label=gettext_lazy("Petitioner's ID number"), max_length=20, required=False
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=15, required=False)
    address = forms.CharField(label=gettext_lazy("Address"), max_length=255)
    residence_unit = forms.ModelChoiceField(
        label=gettext_lazy("Commune of residence"), queryset=AdministrativeUnit.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind of petition"), choices=PetitionKind.choices)
    summary = forms.CharField(label=gettext_lazy("Summary"), max_length=300)
    content = forms.CharField(label=gettext_lazy("Content"), widget=forms.Textarea)
    citizen_consent = forms.BooleanField(
        label=gettext_lazy("The citizen consents to online reception"), required=False
    )
    ground = forms.ChoiceField(label=gettext_lazy("Grounds"), choices=ProposalGround.choices)
    details = forms.CharField(
        label=gettext_lazy("Details of the grounds"), widget=forms.Textarea, required=False
    )
    letter = forms.CharField(label=gettext_lazy("Proposal letter"), max_length=255, required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The officer's own area (its units of every era): a citizen of another
        # commune is not one this page registers.
        units = AdministrativeUnit.objects.filter(pk__in=unit_scope_ids(user), valid_to=None)
        self.fields["residence_unit"].queryset = units.order_by("name")


# Where a model's error shows on this page.
FIELD_OF = {"citizen": "full_name", "matter_unit": "residence_unit", "petition": "residence_unit"}


def register_view(admin, request):
    rule = rule_for(CaseProposal)
    if not rule.proposes(request.user):
        raise PermissionDenied  # the Board registers cases on the petitions' own form
    form = NewCaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = data["residence_unit"]
        citizen = Citizen(
            full_name=data["full_name"],
            id_number=data["id_number"],
            phone=data["phone"],
            address=data["address"],
            residence_unit=unit,
        )
        petition = Petition(
            channel=Channel.TRANSFERRED,
            kind=data["kind"],
            summary=data["summary"],
            content=data["content"],
            matter_unit=unit,
            citizen_consent=data["citizen_consent"],
        )
        proposal = CaseProposal(
            ground=data["ground"], details=data["details"], letter=data["letter"]
        )
        try:
            proposal = register_and_propose(petition, proposal, citizen=citizen, by=request.user)
        except ValidationError as exc:
            for name, texts in errors_by_field(exc, FIELD_OF).items():
                for text in texts:
                    form.add_error(name if name in form.fields else None, text)
        else:
            messages.success(
                request,
                _("Case %(number)s registered and proposed to the Board.")
                % {"number": proposal.petition.registration_number},
            )
            return HttpResponseRedirect(
                reverse("admin:tiep_cong_dan_caseproposal_change", args=[proposal.pk])
            )
    context = {
        **admin.admin_site.each_context(request),
        "title": _("Register a new case and propose it"),
        "opts": admin.model._meta,
        "form": form,
    }
    return TemplateResponse(request, "tiep_cong_dan/case_proposal/register.html", context)
