"""Writes to the citizen register."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Citizen


@transaction.atomic
def record_citizen(citizen: Citizen, *, by=None) -> Citizen:
    """Add a citizen to the register after the same checks as the desk form (a
    well-formed, unique ID number; plausible dates)."""
    if citizen.pk:
        raise ValidationError(_("This citizen is already recorded."), code="already_recorded")
    citizen.full_clean()
    if by is not None:
        citizen._history_user = by
    citizen.save()
    return citizen
