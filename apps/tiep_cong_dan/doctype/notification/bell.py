"""The bell in the desk's header: the unread count on every page, the recent messages
when it is opened.

The count is one query on the (recipient, read_at) index, made only when a page
draws the bell and at most once per request, and bounded (a LIMITed subquery): a
Board officer with thousands of unread reminders costs the same as one with three."""

from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property

from .models import Notification

# The bell shows "99+" beyond this; the count never reads further.
SHOWN_AT_MOST = 99
RECENT = 8


def unread(user):
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)


class Bell:
    """Lazy: a page that does not draw the bell (sign-in, an API call) asks nothing."""

    def __init__(self, request) -> None:
        self.request = request

    @cached_property
    def url(self) -> str | None:
        """The bell's page on the admin site drawing this page; None on another site
        built on the same theme (which has no bell)."""
        try:
            return reverse(
                "admin:tiep_cong_dan_notification_bell",
                current_app=getattr(self.request, "current_app", None),
            )
        except NoReverseMatch:
            return None

    @cached_property
    def unread(self) -> int:
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return unread(user).order_by()[: SHOWN_AT_MOST + 1].count()

    @property
    def label(self) -> str:
        return f"{SHOWN_AT_MOST}+" if self.unread > SHOWN_AT_MOST else str(self.unread)


def bell(request) -> dict:
    """Template context processor (settings.TEMPLATES)."""
    return {"tcd_bell": Bell(request)}


def recent(user) -> list[Notification]:
    return list(
        Notification.objects.filter(recipient_id=user.pk).order_by("-created_at", "-id")[:RECENT]
    )
