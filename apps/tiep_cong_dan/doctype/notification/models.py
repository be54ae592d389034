from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message in a user's desk inbox (e-mail and SMS delivery come with the jobs)."""

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
            )
        ]

    def __str__(self) -> str:
        return self.message
