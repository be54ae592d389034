"""Which model each workflow drives, its state field, and what an event snapshots."""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Binding:
    doctype: str
    model_label: str
    states: type  # the document type's state enum
    snapshot_fields: tuple[str, ...]
    state_field: str = "state"
    # The document's number, by which the event log finds its events ("" for none).
    number_field: str = ""
    # The date the document is due by (a task's deadline, a session's day), for the
    # work waiting on it ("" for none).
    due_field: str = ""

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def state_enum(self) -> type:
        return self.states

    def state_values(self) -> list[str]:
        return list(self.state_enum().values)

    def snapshot(self, obj) -> dict:
        """Key fields as plain values: what the document looked like at this step."""
        data = {}
        for name in self.snapshot_fields:
            f = obj._meta.get_field(name)
            value = getattr(obj, f.attname)
            data[f.attname] = value.isoformat() if hasattr(value, "isoformat") else value
        return data


# Filled by each document type's workflow_rules.py (`bind`), discovered at start-up:
# the engine names no document type.
BINDINGS: dict[str, Binding] = {}


def bind(binding: Binding) -> Binding:
    """Declares that a workflow drives binding.model (called by the type's own folder)."""
    BINDINGS[binding.doctype] = binding
    return binding


def known_doctype(value: str) -> None:
    """A workflow or an event names a document type some folder declared."""
    if value not in BINDINGS:
        raise ValidationError(_("No document type is called “%(name)s”."), params={"name": value})


def binding_for(doctype: str) -> Binding:
    return BINDINGS[doctype]


def doctype_of(obj_or_model) -> str:
    label = obj_or_model._meta.label
    for b in BINDINGS.values():
        if b.model_label == label:
            return b.doctype
    raise LookupError(f"{label} has no workflow")


def has_workflow(model) -> bool:
    return any(b.model_label == model._meta.label for b in BINDINGS.values())
