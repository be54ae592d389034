from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import (
    DEFAULT_MAX_HEARINGS,
    DEFAULT_MIN_CITIZENS,
    DEFAULT_MIN_PETITIONS,
    DEFAULT_OPEN_DAYS,
    DEFAULT_SIMILARITY,
    DEFAULT_WINDOW_DAYS,
    ClusterReason,
    ClusterState,
)


class ClusterRule(models.Model):
    """The Board head's rule for crowded and complex cases: one row, its changes kept
    in its history."""

    min_citizens = models.PositiveSmallIntegerField(
        _("citizens on one matter"),
        default=DEFAULT_MIN_CITIZENS,
        validators=[MinValueValidator(2), MaxValueValidator(1000)],
        help_text=_("Flag when this many citizens or more raise the same matter."),
    )
    min_petitions = models.PositiveSmallIntegerField(
        _("petitions on one matter"),
        default=DEFAULT_MIN_PETITIONS,
        validators=[MinValueValidator(2), MaxValueValidator(1000)],
        help_text=_("Flag when this many petitions or more concern the same place and content."),
    )
    window_days = models.PositiveSmallIntegerField(
        _("within (days)"),
        default=DEFAULT_WINDOW_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    similarity = models.PositiveSmallIntegerField(
        _("similar content from (%)"),
        default=DEFAULT_SIMILARITY,
        validators=[MinValueValidator(50), MaxValueValidator(100)],
        help_text=_("How alike two contents must be, accents and word order ignored."),
    )
    open_days = models.PositiveSmallIntegerField(
        _("case open longer than (days)"),
        default=DEFAULT_OPEN_DAYS,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
    )
    max_hearings = models.PositiveSmallIntegerField(
        _("case heard more than (times)"),
        default=DEFAULT_MAX_HEARINGS,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("crowded and complex case rule")
        verbose_name_plural = _("crowded and complex case rule")

    def __str__(self) -> str:
        return str(_("Crowded and complex case rule"))


class CaseCluster(models.Model):
    """A flag the scan raised: the cases of one matter (or one case) the Board must
    follow. Flagged once: a later scan updates its members and figures, never adds a
    second flag for the same matter."""

    # The flag's identity: the reason and the case it started from.
    key = models.CharField(_("key"), max_length=80, unique=True, editable=False)
    reason = models.CharField(_("reason"), max_length=20, choices=ClusterReason.choices)
    unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Today's unit covering the place where the matter arises."),
    )
    members = models.ManyToManyField(
        "tiep_cong_dan.Petition", verbose_name=_("cases"), related_name="case_clusters"
    )
    petitions_count = models.PositiveIntegerField(_("petitions"), default=0)
    citizens_count = models.PositiveIntegerField(_("citizens"), default=0)
    # The same figures without denunciations: what a reader not cleared for the
    # denouncers' identities is shown (a flag of denunciations alone is not shown).
    public_petitions = models.PositiveIntegerField(default=0, editable=False)
    public_citizens = models.PositiveIntegerField(default=0, editable=False)
    first_seen = models.DateField(_("first received"))
    last_seen = models.DateField(_("last received"))
    flagged_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ClusterState.choices, default=ClusterState.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("crowded or complex case")
        verbose_name_plural = _("crowded and complex cases")
        ordering = ["-last_seen", "-id"]
        indexes = [
            models.Index(fields=["state", "unit"], name="casecluster_state_unit"),
            models.Index(fields=["state", "reason"], name="casecluster_state_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} #{self.pk}"
