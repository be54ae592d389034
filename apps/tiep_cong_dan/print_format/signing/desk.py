"""The signing steps in the desk: which of a document's actions sign it with a device
that asks the user's PIN (the action panel then shows the PIN box)."""

from django.db.models import Model

from ...workflow.bindings import doctype_of
from ...workflow.desk import ask_pin_with
from ...workflow.loader import definition
from .service import needs_pin
from .workflow_rules import SIGNING_EFFECTS


def pin_actions(user, obj: Model) -> set[str]:
    wf = definition(doctype_of(obj))
    signing = {t.action for t in wf.transitions_from(obj.state) if SIGNING_EFFECTS & set(t.effects)}
    return signing if signing and needs_pin(user) else set()


ask_pin_with(pin_actions)
