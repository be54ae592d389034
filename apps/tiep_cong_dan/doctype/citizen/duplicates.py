"""Whom an identity paper is already recorded for, told to the user who types it again:
the citizen's name with a link to their record when the citizen rule lets the user see
them, otherwise only that the paper is taken (naming a person the user may not see, a
denouncer above all, would disclose them)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ...access.rules import rule_for
from .models import ID_NUMBER_TAKEN, Citizen
from .personal_data import log_denouncers_shown


def holder_of(citizen: Citizen) -> Citizen | None:
    """The other citizen recorded with this citizen's paper, if any."""
    if not citizen.id_number:
        return None
    others = Citizen.objects.filter(id_kind=citizen.id_kind, id_number=citizen.id_number)
    if citizen.pk:
        others = others.exclude(pk=citizen.pk)
    return others.first()


def taken_message(request, citizen: Citizen) -> str:
    """The ID number field's message for a paper already recorded."""
    holder = holder_of(citizen)
    visible = holder is not None and (
        rule_for(Citizen).queryset(request.user).filter(pk=holder.pk).exists()
    )
    if not visible:
        return _(
            "This ID number is already recorded for another citizen, whose record you "
            "have no right to see. Ask the Board to check it."
        )
    log_denouncers_shown(request, [(holder.pk, None)], fields={"full_name", "date_of_birth"})
    url = reverse("admin:tiep_cong_dan_citizen_change", args=[holder.pk])
    return format_html(
        _(
            "This ID number is already recorded for the citizen {citizen}: open that record "
            "instead of recording the person twice."
        ),
        citizen=format_html('<a href="{}">{}</a>', url, str(holder)),
    )


def name_the_holder(form, request) -> None:
    """Replace a form's 'paper already recorded' error by one naming the holder."""
    errors = form.errors.get("id_number")
    if not errors or not any(e.code == ID_NUMBER_TAKEN for e in errors.as_data()):
        return
    kept = [e for e in errors.as_data() if e.code != ID_NUMBER_TAKEN]
    del form.errors["id_number"]
    for error in kept:
        form.add_error("id_number", error)
    form.add_error("id_number", taken_message(request, form.instance))
