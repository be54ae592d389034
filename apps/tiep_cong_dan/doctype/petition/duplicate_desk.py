"""Duplicates in the desk: the registration form's warning (the likely duplicates,
each linked, and an explicit "register anyway"), and the page of the step voiding a
petition as a duplicate of another, through the service every path uses."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from unfold.widgets import UnfoldAdminTextareaWidget, UnfoldAdminTextInputWidget

from ...access.confidential import MASK, log_confidential_access
from ...access.rules import rule_for
from ...workflow.desk import refusals_on
from ...workflow.loader import definition, step_open_to
from .duplicates import Match, confirmation_note, likely_duplicates
from .models import Petition
from .related import related_cases, worth_stopping
from .related_desk import shown_related
from .services import VOID_DUPLICATE, void_as_duplicate

REGISTER_ANYWAY = "register_anyway"


def shown_matches(matches: list[Match], user) -> list[dict]:
    """The likely duplicates as rows of the warning, masked as the lists mask (the
    workflow's labels read once for them all)."""
    wf = definition("petition")
    return [shown_match(m, user, wf) for m in matches]


def shown_match(match: Match, user, wf) -> dict:
    p = match.petition
    visible = rule_for(Petition).identity_visible(user, p)
    return {
        "pk": p.pk,
        "number": p.registration_number,
        "url": reverse("admin:tiep_cong_dan_petition_change", args=[p.pk]),
        "received": p.received_date,
        "kind": p.get_kind_display(),
        "state": wf.label_of(p.state),
        "petitioner": p.citizen.full_name if visible else str(MASK),
        "summary": p.summary if visible or not p.is_denunciation else str(MASK),
        "reasons": match.reason_labels,
        "similarity": round(match.similarity * 100),
        "denunciation_shown": p.is_denunciation and visible,
    }


def log_matches_shown(request, rows: list[dict]) -> None:
    """A cleared reader shown a denouncer's name in the warning: logged as on a list."""
    shown = [row["pk"] for row in rows if row["denunciation_shown"]]
    if shown:
        log_confidential_access(
            request, object_type="petition", object_ids=shown, fields={"citizen"}
        )


class DuplicateCheckForm(forms.ModelForm):
    """The add form of a petition: before it saves, the likely duplicates and the
    related cases (related.py) the user may see are listed, and saving needs "register
    anyway" ticked, or one of them chosen as the matter this petition belongs to
    ("same matter as": registered, then linked by services.link_same_matter)."""

    register_anyway = forms.BooleanField(
        label=gettext_lazy("Register anyway: this is a new petition, not one of those listed"),
        required=False,
    )
    same_matter = forms.IntegerField(required=False, widget=forms.HiddenInput)
    desk_user = None  # set per request by the admin (PetitionAdmin.get_form)

    def clean(self):
        data = super().clean()
        self.duplicates: list[dict] = []
        self.related: list[dict] = []
        self.same_matter_case = None
        self.confirmed_note = ""
        needed = ("citizen", "received_date", "matter_unit")
        if self.errors or any(not data.get(name) for name in needed):
            return data  # the fields' own errors first
        draft = Petition(
            citizen=data["citizen"],
            received_date=data["received_date"],
            matter_unit=data["matter_unit"],
            kind=data.get("kind") or "",
            summary=data.get("summary") or "",
            content=data.get("content") or "",
            split_from=data.get("split_from"),
        )
        matches = likely_duplicates(draft, self.desk_user)
        listed = {m.petition.pk for m in matches}
        related = [r for r in related_cases(draft, self.desk_user) if r.petition.pk not in listed]
        stopping = [r for r in related if worth_stopping(r)]
        if not matches and not stopping:
            return data
        self.duplicates = shown_matches(matches, self.desk_user)
        self.related = shown_related(related, self.desk_user)
        chosen = data.get("same_matter")
        if chosen:
            offered = {m.petition.pk: m.petition for m in matches}
            offered.update((r.petition.pk, r.petition) for r in related)
            case = offered.get(chosen)
            if case is None:
                raise ValidationError(_("Choose one of the petitions listed."), code="not_listed")
            if case.kind != draft.kind:
                raise ValidationError(
                    _("Only petitions of one kind can be the same matter (%(kind)s here).")
                    % {"kind": draft.get_kind_display()},
                    code="same_matter_kind",
                )
            self.same_matter_case = case
            self.confirmed_note = confirmation_note(draft, matches)
            return data
        if data.get(REGISTER_ANYWAY):
            self.confirmed_note = confirmation_note(draft, matches)
            return data
        raise ValidationError(
            _(
                "This petition may already be registered: %(count)s likely duplicate(s) or "
                "related case(s) are listed above the form. Open them to compare; choose "
                "“Same matter” on the case it belongs to, or if this is a new matter, tick "
                "“Register anyway”, and save again."
            )
            % {"count": len(matches) + len(stopping)},
            code="possible_duplicate",
        )


# -- voiding a petition as a duplicate ---------------------------------------------
def may_void_duplicates(user) -> bool:
    """Whether the workflow in force gives this user the step at all."""
    return step_open_to(user, "petition", VOID_DUPLICATE)


class VoidDuplicateForm(forms.Form):
    original = forms.ChoiceField(
        label=gettext_lazy("Duplicate of"),
        widget=forms.RadioSelect,
        required=False,
    )
    other = forms.CharField(
        label=gettext_lazy("or the registration number of another petition"),
        required=False,
        max_length=30,
        widget=UnfoldAdminTextInputWidget(attrs={"placeholder": "2026/TCD-000345"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": gettext_lazy("Give the reason.")},
    )

    def __init__(self, *args, petition: Petition, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.petition, self.user = petition, user
        self.matches = shown_matches(likely_duplicates(petition, user), user)
        self.fields["original"].choices = [(str(row["pk"]), row["number"]) for row in self.matches]

    def clean(self):
        data = super().clean()
        chosen, other = data.get("original"), (data.get("other") or "").strip()
        if not chosen and not other:
            raise ValidationError(
                {"original": _("Choose the petition this one duplicates, or type its number.")}
            )
        visible = rule_for(Petition).queryset(self.user)
        if other:
            if other.isdigit():  # "345": the number in the petition's own year
                visible = visible.filter(
                    registration_year=self.petition.registration_year,
                    registration_seq=int(other),
                )
            else:
                visible = visible.filter(registration_number__iexact=other)
            found = visible.first()
            if found is None:
                raise ValidationError(
                    {"other": _("No petition %(number)s that you may see.") % {"number": other}}
                )
        else:
            found = visible.filter(pk=chosen).first()
            if found is None:
                raise ValidationError({"original": _("Choose one of the petitions listed.")})
        data["petition"] = found
        return data


def void_duplicate_view(admin, request, object_id):
    if not may_void_duplicates(request.user):
        raise PermissionDenied
    petition = admin.get_object(request, object_id)  # the rule's queryset: scope applies
    if petition is None:
        raise Http404
    form = VoidDuplicateForm(request.POST or None, petition=petition, user=request.user)
    if request.method == "POST" and form.is_valid():
        original = form.cleaned_data["petition"]
        with refusals_on(form):
            void_as_duplicate(
                petition,
                original=original,
                reason=form.cleaned_data["reason"],
                by=request.user,
                expected_state=request.POST.get("state") or None,
            )
        if not form.errors:
            messages.success(
                request,
                _("Petition %(number)s is voided as a duplicate of %(original)s.")
                % {"number": petition, "original": original},
            )
            return HttpResponseRedirect(
                reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])
            )
    log_matches_shown(request, form.matches)
    context = {
        **admin.admin_site.each_context(request),
        "title": _("Void %(petition)s as a duplicate") % {"petition": petition},
        "opts": admin.model._meta,
        "form": form,
        "petition": petition,
        "matches": form.matches,
    }
    return TemplateResponse(request, "tiep_cong_dan/petition/void_duplicate.html", context)


def _change_url(petition: Petition) -> str:
    return reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])


def duplicate_links(user, petition: Petition) -> list[tuple[str, str]]:
    """What the petition's page says of duplicates: the case a voided one repeats, and
    the registrations voided as copies of this one, each as the user may see it."""
    visible = rule_for(Petition).queryset(user)
    rows = []
    if petition.duplicate_of_id:
        original = visible.filter(pk=petition.duplicate_of_id).first()
        if original is not None:
            rows.append((_("Voided as a duplicate of"), original))
    for copy in visible.filter(duplicate_of_id=petition.pk).order_by("registration_seq"):
        rows.append((_("Voided duplicate"), copy))
    return [(f"{label} {p.registration_number}", _change_url(p)) for label, p in rows]
