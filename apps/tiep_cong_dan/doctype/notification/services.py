"""Telling people that something awaits them."""

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.contrib.auth import get_user_model

from ...core import outbox
from .models import Channel, Notification

# The outbox task delivering a notification by e-mail and SMS (jobs/outbox.py).
DELIVER = "notification.deliver"


def users_in_roles(roles: Iterable[str]):
    return get_user_model().objects.filter(is_active=True, groups__name__in=list(roles)).distinct()


def users_of_agency(agency):
    """Active users whose scope is `agency` (its officers)."""
    return get_user_model().objects.filter(is_active=True, tcd_scopes__agency=agency).distinct()


def notify(
    users,
    message: str,
    *,
    link: str = "",
    event=None,
    key: str | None = None,
    channels: Iterable[str] | None = None,
) -> int:
    """Put `message` in each user's inbox once per event (or once per `key`, for a
    scheduled job's reminder); returns how many were new. New ones are delivered by
    e-mail and SMS (those of `channels`, all by default, as each user prefers) after
    the transaction commits (an outbox entry written with them)."""
    outside = None if channels is None else sorted(set(channels) & set(Channel.values))
    created = 0
    for user in users:
        if key:
            notification, new = Notification.objects.get_or_create(
                recipient=user, key=key[:120], defaults={"message": message[:500], "link": link}
            )
        else:
            notification, new = Notification.objects.get_or_create(
                recipient=user, event=event, message=message[:500], defaults={"link": link}
            )
        if new:
            created += 1
            if outside is None or outside:
                _deliver_later(notification.pk, outside)
    return created


_quiet = threading.local()


@contextmanager
def without_delivery():
    """Inbox only, no e-mail or SMS: for loading past records (the demo, an import),
    whose events are history, not news."""
    _quiet.on = True
    try:
        yield
    finally:
        _quiet.on = False


def _deliver_later(notification_id: int, channels: list[str] | None = None) -> None:
    if getattr(_quiet, "on", False):
        return
    extra = {} if channels is None else {"channels": channels}
    outbox.enqueue(
        DELIVER, key=f"notification:{notification_id}", notification=notification_id, **extra
    )


def desk_link(doc) -> str:
    from django.urls import reverse

    opts = doc._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[doc.pk])


def notify_roles(roles: Iterable[str], message: str, doc, event) -> int:
    """Notify every active user holding one of `roles` about `doc`."""
    return notify(users_in_roles(roles), message, link=desk_link(doc), event=event)
