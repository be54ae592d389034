"""Writes to the citizen register."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...core.constraints import unique_kept
from .models import Citizen


def id_number_kept_unique():
    """Turn the database's refusal of a second record with the same identity paper
    into the form's own message. The form's check reads before it writes: two
    registrations of one person at the same moment both pass it, and the unique index
    refuses the second."""
    return unique_kept(Citizen)


@transaction.atomic
def record_citizen(citizen: Citizen, *, by=None) -> Citizen:
    """Add a citizen to the register after the same checks as the desk form (a
    well-formed, unique ID number; plausible dates)."""
    if citizen.pk:
        raise ValidationError(_("This citizen is already recorded."), code="already_recorded")
    citizen.full_clean()
    if by is not None:
        citizen._history_user = by
    with id_number_kept_unique():
        citizen.save()
    return citizen
