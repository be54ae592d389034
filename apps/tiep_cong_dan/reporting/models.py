"""The monthly figures kept ready (reporting/cube.py): for each figure, month and pair
of units, and for each figure, month and agency concerned, how many. A report of any
scope sums a few of these rows instead of counting a million petitions and their
events; the counting rules stay in one place (cube.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureCount(models.Model):
    """How many petitions (or their steps) count for `figure` in `month`, among those
    whose unit of residence and unit where the matter arises are the two units, or,
    on a row of an agency (`agency` not 0, both units 0), among the cases naming it
    among the agencies concerned (a department's officer sees those).

    Months are written YYYYMM (202403); `since` is, for a figure counted once per case
    over a span (a case approved twice in a year is one approval), the month of the
    case's previous count of the same figure (0: none), so a span counts only those
    whose previous count lies before it. Units are ids, 0 for none."""

    figure = models.CharField(_("figure"), max_length=40)
    month = models.PositiveIntegerField(_("month"))
    since = models.PositiveIntegerField(_("previous month"), default=0)
    residence_unit = models.PositiveBigIntegerField(_("unit of residence"), default=0)
    matter_unit = models.PositiveBigIntegerField(_("unit of the matter"), default=0)
    agency = models.PositiveBigIntegerField(_("agency concerned"), default=0)
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["figure", "month", "since", "residence_unit", "matter_unit", "agency"],
                name="figurecount_cell_agency",
            )
        ]
        indexes = [
            # Each holds every column a sum reads: the whole province's months (agency
            # 0) or an agency's, a scope's residences, a scope's matters (cube._sums).
            models.Index(
                fields=["agency", "figure", "month", "since", "count"],
                name="figurecount_agency_sums",
            ),
            models.Index(
                fields=["residence_unit", "figure", "month", "since", "count"],
                name="figurecount_residence",
            ),
            models.Index(
                fields=["matter_unit", "figure", "month", "since", "residence_unit", "count"],
                name="figurecount_matter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.figure} {self.month}: {self.count}"
