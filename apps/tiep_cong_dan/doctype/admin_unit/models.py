import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.constraints import ExplainedUniqueMixin
from ...core.search import SearchableModel
from .constants import Era, UnitLevel

# Resolution of the National Assembly Standing Committee on Lạng Sơn's communes
# 2023-2025: seven communes merged on this day (see the fixture's sources).
MERGER_2024_DATE = datetime.date(2024, 12, 1)
# The two-tier local government (Resolution 1672/NQ-UBTVQH15 for Lạng Sơn's communes).
REORGANISATION_DATE = datetime.date(2025, 7, 1)


class AdministrativeUnit(ExplainedUniqueMixin, SearchableModel):
    """A province, district or commune-level unit, valid over a period.

    Units are data with validity dates: a case keeps the unit it had when it was
    recorded, and reports can work in any era. A unit is keyed by its official code
    within its era (the code of a commune that ceased may be taken by its successor).
    """

    # The name without its type word first ("Đông Kinh"), then the full name.
    search_title = ("short_name", "name")
    search_also = ("code",)

    code = models.CharField(_("official code"), max_length=10)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=100)
    unit_type = models.CharField(_("unit type"), max_length=30)
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    era = models.CharField(_("era"), max_length=12, choices=Era.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        through="UnitSuccession",
        symmetrical=False,
        related_name="predecessors",
        verbose_name=_("successor units"),
    )
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["era", "level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "era"], name="unit_code_era_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        if self.parent_id and self.parent.level == UnitLevel.DISTRICT:
            return f"{self.name}, {self.parent.name}"
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class UnitSuccession(ExplainedUniqueMixin, models.Model):
    """Old unit -> the unit that took it over on `effective_on` (one row per part
    when split; `main` marks the part that took most of it)."""

    old_unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.CASCADE,
        related_name="succession_to",
        verbose_name=_("old unit"),
    )
    new_unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.CASCADE,
        related_name="succession_from",
        verbose_name=_("new unit"),
    )
    whole = models.BooleanField(_("whole unit"), default=True)
    main = models.BooleanField(
        _("main successor"),
        default=False,
        help_text=_("Of a unit split between several: the one that took most of it."),
    )
    effective_on = models.DateField(_("effective on"), default=REORGANISATION_DATE)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["old_unit", "new_unit"], name="succession_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.old_unit} → {self.new_unit}"
