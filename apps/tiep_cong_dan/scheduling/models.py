"""What the Board sets for planning the queue (one row for the site)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_WAIT_THRESHOLD_DAYS = 60
MAX_WAIT_THRESHOLD_DAYS = 730


class QueuePlanning(models.Model):
    """The Board's planning settings: a case expected to wait longer than the threshold
    is flagged on the queue and the Chairman's dashboard."""

    wait_threshold_days = models.PositiveSmallIntegerField(
        _("expected wait threshold (days)"),
        default=DEFAULT_WAIT_THRESHOLD_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WAIT_THRESHOLD_DAYS)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("queue planning")
        verbose_name_plural = _("queue planning")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
