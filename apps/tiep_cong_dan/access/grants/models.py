from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..roles import Role
from .constants import AccountChangeKind, GrantState


class RoleGrant(models.Model):
    """A request to give a user a cleared role: the group is added only when the
    Chairman or the Board head, neither the requester nor the user, confirms it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tcd_role_grants",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=GrantState.choices,
        default=GrantState.PENDING,
        db_index=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("refused by"),
    )
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)
    reason = models.TextField(_("reason for refusal"), blank=True)

    class Meta:
        verbose_name = _("role grant request")
        verbose_name_plural = _("role grant requests")
        ordering = ["-requested_at", "-id"]
        # The database itself refuses a grant to oneself and a confirmation by the
        # requester or the user, whatever path writes the row.
        constraints = [
            models.CheckConstraint(
                condition=~Q(requested_by=F("user")), name="role_grant_not_to_oneself"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True)
                | (~Q(confirmed_by=F("user")) & ~Q(confirmed_by=F("requested_by"))),
                name="role_grant_second_person",
            ),
            models.CheckConstraint(
                condition=Q(refused_by__isnull=True)
                | (~Q(refused_by=F("user")) & ~Q(refused_by=F("requested_by"))),
                name="role_grant_refused_by_second_person",
            ),
            models.CheckConstraint(
                condition=Q(
                    state=GrantState.PENDING, confirmed_by__isnull=True, refused_by__isnull=True
                )
                | Q(state=GrantState.CONFIRMED, confirmed_by__isnull=False, refused_by__isnull=True)
                | Q(state=GrantState.REFUSED, refused_by__isnull=False, confirmed_by__isnull=True),
                name="role_grant_decided_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{Role(self.role).label}: {self.user}"


class AccountChangeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Account log entries cannot be changed."), code="log_immutable")

    def delete(self):
        raise ValidationError(_("Account log entries cannot be changed."), code="log_immutable")


class AccountChange(models.Model):
    """Append-only log of every change to who may do what: roles requested, confirmed,
    refused, granted, removed; desk access and e-mail; passwords reset; second factors
    reset; accounts set up by a command. Names are kept as they were."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    kind = models.CharField(
        _("change"), max_length=20, choices=AccountChangeKind.choices, db_index=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("account"),
    )
    username = models.CharField(_("account"), max_length=150)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)  # blank: a command
    role = models.CharField(_("role"), max_length=40, blank=True, choices=Role.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AccountChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("account change")
        verbose_name_plural = _("account and role log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        at = timezone.localtime(self.at) if self.at else None
        return f"{at:%d/%m/%Y %H:%M} {self.get_kind_display()} {self.username}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Account log entries cannot be changed."), code="log_immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Account log entries cannot be changed."), code="log_immutable")
