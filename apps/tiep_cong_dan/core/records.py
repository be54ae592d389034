"""Saving edits of a document outside its workflow steps, the same way for every type:
validated as a whole, attributed in its history, many-to-many links set in the same
transaction. The state is never edited here: only the workflow engine moves it."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _


@transaction.atomic
def save_changes(obj: models.Model, changes: dict, *, by=None) -> models.Model:
    """Apply `changes` (field name -> value) to a saved document and store it.

    The row is read again under a lock and only the changed fields are written: a
    workflow step taken since `obj` was read (its state, what its effects set) stays."""
    if obj.pk is None:
        raise ValidationError(_("Create the document first."), code="not_created")
    if "state" in changes:
        raise ValidationError(
            _("The state changes only through a workflow step."), code="state_read_only"
        )
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    links, written = {}, []
    for name, value in changes.items():
        field = current._meta.get_field(name)
        if field.many_to_many:
            links[name] = value
        else:
            setattr(current, field.attname if field.is_relation else name, _key(value))
            written.append(field.attname if field.is_relation else name)
    current.full_clean()
    if by is not None:
        current._history_user = by  # jobs and API calls have no request to read it from
    if written:
        current.save(update_fields=written)
    for name, value in links.items():
        getattr(current, name).set(value)
    return current


def _key(value):
    return value.pk if isinstance(value, models.Model) else value
