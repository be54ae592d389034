from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...core.search import SearchableModel


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class MailState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    NO_ADDRESS = "no_address", _("No e-mail address for the agency")


class Notification(models.Model):
    """A message in a user's desk inbox, also delivered by e-mail and SMS as the user
    prefers (each delivery recorded with its state)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="tcd_notifications",
    )
    message = models.CharField(_("message"), max_length=500)
    link = models.CharField(_("link"), max_length=300, blank=True)
    event = models.ForeignKey(
        "tiep_cong_dan.WorkflowEvent",
        verbose_name=_("workflow event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    # A scheduled job's reminder carries a key ("assignment-due:42:2026-03-01"): run
    # twice, it finds the message already there and sends nothing twice.
    # NULL, not "": the unique (recipient, key) must not bind messages without a key.
    key = models.CharField(  # noqa: DJ001
        _("key"), max_length=120, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            # A deferred effect run twice must not notify twice.
            models.UniqueConstraint(
                fields=["recipient", "event", "message"], name="notification_once_per_event"
            ),
            # Keys are unique per recipient; messages without a key (NULL) are not.
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key"),
        ]

    def __str__(self) -> str:
        return self.message


class NotificationPreference(models.Model):
    """How a user wants to be told, besides the desk inbox."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="tcd_notification_preference",
    )
    by_email = models.BooleanField(_("by e-mail"), default=True)
    by_sms = models.BooleanField(_("by SMS"), default=False)
    phone = models.CharField(_("mobile phone for SMS"), max_length=15, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)


class Delivery(models.Model):
    """One notification sent over one channel: its state, attempts and last error."""

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254)
    state = models.CharField(
        _("state"), max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    provider_id = models.CharField(_("provider reference"), max_length=100, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_once_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address}"


class AgencyMail(SearchableModel):
    """A letter e-mailed to an agency's official mailbox (its head's), not to a user:
    the monthly report sent to the agencies concerned, an overdue assignment escalated.
    Keyed, so it is sent once; without an address it waits as "no address"."""

    search_title = ("subject",)
    search_also = ()

    agency = models.ForeignKey(
        "tiep_cong_dan.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    key = models.CharField(_("key"), max_length=120, unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"))
    document = models.ForeignKey(
        "tiep_cong_dan.IssuedDocument",
        verbose_name=_("attached document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.EmailField(_("address"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=MailState.choices, default=MailState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("letter to an agency")
        verbose_name_plural = _("letters to agencies")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.agency} — {self.subject}"
