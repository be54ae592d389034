"""A workflow step's deferred effects (notifications, letters to draft), run after the
step committed. They get the document and the event, never a live transaction."""

import logging

from django.db import transaction

from ..doctype.notification.services import desk_link, users_in_roles
from ..doctype.notification.services import notify as notify_users
from ..workflow.bindings import binding_for
from ..workflow.models import WorkflowEvent
from ..workflow.notifications import NotificationDef, compose
from ..workflow.registry import get_effect

logger = logging.getLogger(__name__)


def run_effect(doctype: str, effect_name: str, event_pk: int) -> None:
    registered = get_effect(doctype, effect_name)
    event = WorkflowEvent.objects.get(pk=event_pk)
    doc = binding_for(doctype).model._default_manager.get(pk=event.object_id)
    with transaction.atomic():
        registered.func(doc, event)


def send_declared_notifications(doctype: str, event_pk: int, notify: list[dict]) -> int:
    """The notifications a step declared (workflow/notifications.py), each group told
    once per event: the inbox, then e-mail and SMS among the declared channels."""
    event = WorkflowEvent.objects.get(pk=event_pk)
    doc = binding_for(doctype).model._default_manager.get(pk=event.object_id)
    told = 0
    with transaction.atomic():  # every group's inbox and deliveries, or none
        for data in notify:
            spec = NotificationDef(
                to=tuple(data["to"]), message=data["message"], channels=tuple(data["channels"])
            )
            for users, link_to, text in compose(
                doctype, doc, spec, users_in_roles, event.comment
            ):
                # An audience links to a record's form, or to another of its pages.
                link = link_to if isinstance(link_to, str) else desk_link(link_to)
                told += notify_users(users, text, link=link, event=event, channels=spec.channels)
    return told
