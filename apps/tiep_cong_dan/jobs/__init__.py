"""Work that runs after a transaction commits.

Today the deferred effects of a workflow step run in the same process right after
commit; the job queue replaces `run_effect`'s caller without changing the effects,
which only get the document and the event (never a live transaction).
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def run_effect(registered, doctype: str, event_pk: int) -> None:
    from ..workflow.bindings import binding_for
    from ..workflow.models import WorkflowEvent

    event = WorkflowEvent.objects.get(pk=event_pk)
    doc = binding_for(doctype).model._default_manager.get(pk=event.object_id)
    try:
        with transaction.atomic():
            registered.func(doc, event)
    except Exception:  # a failed notification must not undo the committed step
        logger.exception("effect %s failed for %s#%s", registered.name, doctype, doc.pk)
