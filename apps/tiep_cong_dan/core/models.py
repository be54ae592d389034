from django.db import models
from django.utils.translation import gettext_lazy as _


class NamingSeries(models.Model):
    """The last number issued in a series (e.g. petitions of 2026).

    Numbers are taken under a row lock inside the caller's transaction, so a
    rolled-back registration gives its number back: the series stays gap-free.
    """

    key = models.CharField(_("series"), max_length=40, unique=True)
    current = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("naming series")
        verbose_name_plural = _("naming series")

    def __str__(self) -> str:
        return f"{self.key}: {self.current}"
