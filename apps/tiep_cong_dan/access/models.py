from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserScope(models.Model):
    """Limits a scoped user's view to an administrative unit and/or an agency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tcd_scopes",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("administrative unit"),
    )
    agency = models.ForeignKey(
        "tiep_cong_dan.Agency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("agency"),
    )

    class Meta:
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(agency__isnull=False),
                name="scope_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return " / ".join(str(x) for x in (self.unit, self.agency) if x)

    def clean(self) -> None:
        if not self.unit_id and not self.agency_id:
            raise ValidationError(_("A scope names a unit, an agency or both."), code="empty_scope")


class AccessKind(models.TextChoices):
    # A denouncer's identity (Law on Denunciation 2018 Art. 8(3), 47) is logged apart
    # from other personal data (Personal Data Protection Law 91/2025): the first is
    # shown to cleared roles only, the second to whoever the document's rule allows.
    CONFIDENTIAL = "confidential", _("Denouncer's identity")
    PERSONAL = "personal", _("Personal data")


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Access log entries cannot be changed."), code="log_immutable")

    def delete(self):
        raise ValidationError(_("Access log entries cannot be changed."), code="log_immutable")


class ConfidentialAccess(models.Model):
    """Append-only record of each time a denouncer's identity or a citizen's personal
    data was shown (a page, an export, a printed document, the API)."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    kind = models.CharField(
        _("data shown"),
        max_length=12,
        choices=AccessKind.choices,
        default=AccessKind.CONFIDENTIAL,
        db_index=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    object_type = models.CharField(_("document type"), max_length=40)
    object_ids = models.TextField(_("documents"))
    fields = models.CharField(_("fields shown"), max_length=255)
    path = models.CharField(_("page"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("confidential access")
        verbose_name_plural = _("confidential access log")
        ordering = ["-at"]

    def __str__(self) -> str:
        at = timezone.localtime(self.at) if self.at else None  # the province's time, as listed
        return f"{at:%d/%m/%Y %H:%M} {self.user} {self.object_type} {self.object_ids[:40]}"

    # Who saw what must stay as it was written: the ORM refuses changes and deletions.
    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Access log entries cannot be changed."), code="log_immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Access log entries cannot be changed."), code="log_immutable")
