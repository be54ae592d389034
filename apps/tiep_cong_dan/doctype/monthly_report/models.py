from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.constraints import ExplainedUniqueMixin
from ...core.fields import LongTextField
from ...core.search import SearchableModel
from ...core.validators import MEDIUM_TEXT
from .constants import ReportState, UnitsMode


class MonthlyReport(ExplainedUniqueMixin, SearchableModel):
    """The Board's report to the Chairman on citizen reception for a period: a calendar
    month by default (scheme V.2), or a quarter, a year, several years (one type, one
    workflow, one number series; the period says which). Its figures are computed from
    the records while it is a draft; once signed it is frozen (its files are stored on
    first print)."""

    search_title = ("number",)
    search_also = ("issued_date",)

    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    units_mode = models.CharField(
        _("units"), max_length=12, choices=UnitsMode.choices, default=UnitsMode.PERIOD
    )
    remarks = LongTextField(
        _("assessment and proposals"),
        max_length=MEDIUM_TEXT,
        blank=True,
        help_text=_("Section III of the report, written by the Board."),
    )
    number = models.CharField(_("number"), max_length=40, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField(null=True, editable=False)
    number_seq = models.PositiveIntegerField(null=True, editable=False)
    issued_date = models.DateField(_("date of issue"), null=True, blank=True, editable=False)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=ReportState.choices,
        default=ReportState.DRAFT,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("drafted at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("reception report")
        verbose_name_plural = _("reception reports")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end"], name="one_report_per_period"
            ),
            models.UniqueConstraint(
                fields=["number_year", "number_seq"], name="report_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        # One phrase to translate, so that a draft's title is never half English.
        return self.number or str(_("Report %(period)s") % {"period": self.period.label})

    @property
    def period(self):
        from ...core.period import Period

        return Period(self.period_start, self.period_end)

    def clean(self):
        if self.period_start and self.period_end:
            if self.period_end < self.period_start:
                raise ValidationError(
                    {"period_end": _("The period ends before it starts.")}, code="period_order"
                )
            if (self.period_end - self.period_start).days > 366 * 5:
                raise ValidationError(
                    {"period_end": _("A report covers at most five years.")}, code="too_long"
                )
