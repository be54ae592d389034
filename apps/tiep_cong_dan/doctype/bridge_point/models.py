import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.fields import LongTextField, ShortTextField
from ...core.search import SearchableModel
from ...core.validators import BRIEF_TEXT
from .constants import EquipmentStatus, Platform, PointLevel, TestResult


class BridgePoint(SearchableModel):
    """A video-conference room on the provincial network (điểm cầu)."""

    search_title = ("name",)
    search_also = ("code", "dial_address")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = ShortTextField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=12, choices=PointLevel.choices)
    unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bridge_points",
    )
    agency = models.ForeignKey(
        "tiep_cong_dan.Agency",
        verbose_name=_("managing agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bridge_points",
    )
    address = ShortTextField(_("address"), max_length=255, blank=True)
    platform = models.CharField(
        _("platform"), max_length=12, choices=Platform.choices, default=Platform.PEXIP
    )
    dial_address = models.CharField(
        _("dial address"),
        max_length=200,
        blank=True,
        help_text=_("SIP URI or H.323 address the conference dials out to."),
    )
    backup_dial_address = models.CharField(
        _("backup dial address (Vmeeting)"), max_length=200, blank=True
    )
    capacity = models.PositiveSmallIntegerField(_("seats"), default=10)
    contact_name = ShortTextField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    equipment_status = models.CharField(
        _("equipment status"),
        max_length=12,
        choices=EquipmentStatus.choices,
        default=EquipmentStatus.GOOD,
    )
    active = models.BooleanField(_("in service"), default=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    retirement_reason = ShortTextField(_("retirement reason"), max_length=255, blank=True)
    notes = LongTextField(_("notes"), max_length=BRIEF_TEXT, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("bridge point")
        verbose_name_plural = _("bridge points")
        ordering = ["level", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active=True) | Q(retired_on__isnull=False),
                name="bridge_point_retired_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def in_force_on(self, day: datetime.date) -> bool:
        """Whether the room was in service on `day` (retired from `retired_on` on)."""
        if self.retired_on is not None:
            return day < self.retired_on
        return self.active


# A test "now" may be typed a few minutes after the clock of the server reads it.
CLOCK_SKEW = datetime.timedelta(minutes=5)


class ConnectionTest(models.Model):
    """A test call between the host point and this point."""

    bridge_point = models.ForeignKey(
        BridgePoint,
        verbose_name=_("bridge point"),
        on_delete=models.CASCADE,
        related_name="connection_tests",
    )
    tested_at = models.DateTimeField(_("tested at"))
    tested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    result = models.CharField(_("result"), max_length=10, choices=TestResult.choices)
    audio_ok = models.BooleanField(_("audio OK"), default=False)
    video_ok = models.BooleanField(_("video OK"), default=False)
    notes = LongTextField(_("notes"), max_length=BRIEF_TEXT, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("connection test")
        verbose_name_plural = _("connection tests")
        ordering = ["-tested_at"]
        indexes = [models.Index(fields=["bridge_point", "-tested_at"])]

    def __str__(self) -> str:
        return f"{self.bridge_point} — {self.tested_at:%d/%m/%Y %H:%M}"

    def clean(self) -> None:
        from django.utils import timezone

        if self.tested_at is None:
            return
        if self.tested_at.year < 2000:
            raise ValidationError(
                {
                    "tested_at": ValidationError(
                        _("Choose dates between 2000 and 2100."), code="implausible_date"
                    )
                }
            )
        if self.tested_at > timezone.now() + CLOCK_SKEW:
            raise ValidationError(
                {
                    "tested_at": ValidationError(
                        _("A connection test cannot be dated in the future."),
                        code="future_test",
                    )
                }
            )
        point = self.bridge_point if self.bridge_point_id else None
        day = timezone.localtime(self.tested_at).date()
        if point is not None and not point.in_force_on(day):
            raise ValidationError(
                {
                    "bridge_point": ValidationError(
                        _(
                            "%(point)s was not in service on %(date)s (retired from "
                            "%(retired)s): no test can be recorded against it."
                        ),
                        code="point_retired",
                        params={
                            "point": point.name,
                            "date": day.strftime("%d/%m/%Y"),
                            "retired": point.retired_on.strftime("%d/%m/%Y")
                            if point.retired_on
                            else "—",
                        },
                    )
                }
            )
