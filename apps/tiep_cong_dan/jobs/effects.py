"""A workflow step's deferred effects (notifications, letters to draft), run after the
step committed. They get the document and the event, never a live transaction."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def run_effect(doctype: str, effect_name: str, event_pk: int) -> None:
    from ..workflow.bindings import binding_for
    from ..workflow.models import WorkflowEvent
    from ..workflow.registry import get_effect

    registered = get_effect(doctype, effect_name)
    event = WorkflowEvent.objects.get(pk=event_pk)
    doc = binding_for(doctype).model._default_manager.get(pk=event.object_id)
    with transaction.atomic():
        registered.func(doc, event)
