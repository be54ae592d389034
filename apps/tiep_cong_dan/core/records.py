"""Saving edits of a document outside its workflow steps, the same way for every type:
validated as a whole, attributed in its history, many-to-many links set in the same
transaction. The state is never edited here: only the workflow engine moves it."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _


@transaction.atomic
def save_changes(obj: models.Model, changes: dict, *, by=None) -> models.Model:
    """Apply `changes` (field name -> value) to a saved document and store it."""
    if obj.pk is None:
        raise ValidationError(_("Create the document first."), code="not_created")
    if "state" in changes:
        raise ValidationError(
            _("The state changes only through a workflow step."), code="state_read_only"
        )
    links = {}
    for name, value in changes.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            links[name] = value
        else:
            setattr(obj, name, value)
    obj.full_clean()
    if by is not None:
        obj._history_user = by  # jobs and API calls have no request for the history to read
    obj.save()
    for name, value in links.items():
        getattr(obj, name).set(value)
    return obj
