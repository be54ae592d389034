"""The desk page of the Law Art. 28 notice: recorded in any state of the case, by
whom the workflow lets take the step, through the service every path uses."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from unfold.widgets import (
    UnfoldAdminDateWidget,
    UnfoldAdminSelectWidget,
    UnfoldAdminTextareaWidget,
    UnfoldAdminTextInputWidget,
)

from ...workflow.desk import refusals_on
from ...workflow.loader import step_open_to
from ..agency.models import Agency
from .constants import AcceptanceOutcome
from .services import NOTIFY_ACCEPTANCE, record_acceptance_notice


def may_record_acceptance_notice(user) -> bool:
    """Whether the workflow in force gives this user the Art. 28 step at all."""
    return step_open_to(user, "petition", NOTIFY_ACCEPTANCE)


class AcceptanceNoticeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("What the citizen was told"),
        choices=[c for c in AcceptanceOutcome.choices if c[0]],
        widget=forms.RadioSelect,
    )
    notified_on = forms.DateField(
        label=gettext_lazy("Told on"), initial=timezone.localdate, widget=UnfoldAdminDateWidget
    )
    transferred_to = forms.ModelChoiceField(
        label=capfirst(gettext_lazy("transferred to")),
        queryset=Agency.objects.all(),
        required=False,
        widget=UnfoldAdminSelectWidget,
    )
    transfer_letter = forms.CharField(
        label=capfirst(gettext_lazy("transfer letter (number and date)")),
        max_length=120,
        required=False,
        widget=UnfoldAdminTextInputWidget,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 3}),
        required=False,
    )


def acceptance_notice_view(admin, request, object_id):
    if not may_record_acceptance_notice(request.user):
        raise PermissionDenied
    petition = admin.get_object(request, object_id)  # the rule's queryset: scope applies
    if petition is None:
        raise Http404
    initial = {
        "outcome": petition.acceptance_outcome or None,
        "transferred_to": petition.transferred_to_id,
        "transfer_letter": petition.transfer_letter,
    }
    form = AcceptanceNoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusals_on(form):
            record_acceptance_notice(
                petition,
                outcome=data["outcome"],
                notified_on=data["notified_on"],
                transferred_to=data["transferred_to"],
                transfer_letter=data["transfer_letter"] if data["transferred_to"] else None,
                by=request.user,
                comment=data["comment"],
                expected_state=request.POST.get("state") or None,
            )
        if not form.errors:
            petition.refresh_from_db()
            text = _("The Art. 28 notice is recorded.")
            if petition.acceptance_notice_late:
                text += " " + _("It was given after the 10 working days and shows as late.")
            messages.success(request, text)
            return HttpResponseRedirect(
                reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])
            )
    context = {
        **admin.admin_site.each_context(request),
        "title": _("Record the acceptance notice of %(petition)s") % {"petition": petition},
        "opts": admin.model._meta,
        "form": form,
        "petition": petition,
    }
    return TemplateResponse(request, "tiep_cong_dan/petition/acceptance_notice.html", context)
