"""Telling people that something awaits them."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from .models import Notification


def users_in_roles(roles: Iterable[str]):
    return get_user_model().objects.filter(is_active=True, groups__name__in=list(roles)).distinct()


def users_of_agency(agency):
    """Active users whose scope is `agency` (its officers)."""
    return get_user_model().objects.filter(is_active=True, tcd_scopes__agency=agency).distinct()


def notify(users, message: str, *, link: str = "", event=None) -> int:
    """Put `message` in each user's inbox once per event; returns how many were new."""
    created = 0
    for user in users:
        _, new = Notification.objects.get_or_create(
            recipient=user, event=event, message=message[:500], defaults={"link": link}
        )
        created += int(new)
    return created


def desk_link(doc) -> str:
    from django.urls import reverse

    opts = doc._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[doc.pk])


def notify_roles(roles: Iterable[str], message: str, doc, event) -> int:
    """Notify every active user holding one of `roles` about `doc`."""
    return notify(users_in_roles(roles), message, link=desk_link(doc), event=event)
