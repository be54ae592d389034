"""Writes to the citizen register."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import DUPLICATE_ID_NUMBER, Citizen

# How each database names the violated index in its error: MariaDB the constraint,
# SQLite the columns.
_UNIQUE_ID_MARKS = ("citizen_id_unique", "id_number_key")


@contextmanager
def id_number_kept_unique():
    """Turn the database's refusal of a second record with the same identity paper
    into the form's own message. The form's check reads before it writes: two
    registrations of one person at the same moment both pass it, and the unique index
    refuses the second."""
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on
            yield
    except IntegrityError as exc:
        if not any(mark in str(exc) for mark in _UNIQUE_ID_MARKS):
            raise
        raise ValidationError(
            {"id_number": ValidationError(DUPLICATE_ID_NUMBER, code="duplicate_id_number")}
        ) from exc


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
