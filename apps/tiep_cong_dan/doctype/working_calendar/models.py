from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.fields import ShortTextField
from ...core.search import SearchableModel
from .constants import DayKind


class CalendarDay(SearchableModel):
    """An administrator's exception to the national calendar.

    National public holidays (Tết included) come from the `holidays` package; this
    table adds locally decreed days off, extra holidays and swapped working days
    (usually Saturdays worked to bridge a holiday).
    """

    search_title = ("name",)
    search_also = ("date", "decision")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name = ShortTextField(_("reason"), max_length=200)
    decision = ShortTextField(_("decision reference"), max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"
