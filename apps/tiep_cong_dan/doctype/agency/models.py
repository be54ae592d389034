import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.constraints import ExplainedUniqueMixin
from ...core.fields import ShortTextField
from ...core.search import SearchableModel
from .constants import AgencyKind


class Agency(SearchableModel):
    """A body that takes part in reception: receives invitations and assignments."""

    search_title = ("name",)
    search_also = ("short_name", "code")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = ShortTextField(_("name"), max_length=200)
    short_name = ShortTextField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    head_title = ShortTextField(_("title of the head"), max_length=100, blank=True)
    address = ShortTextField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        through="AgencySuccession",
        symmetrical=False,
        related_name="predecessors",
        verbose_name=_("successor agencies"),
    )
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class AgencySuccession(ExplainedUniqueMixin, models.Model):
    """A body merged into another (the provincial departments of 2025-03-01): the
    successor takes over its cases and open tasks."""

    old_agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="succession_to",
        verbose_name=_("former agency"),
    )
    new_agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="succession_from",
        verbose_name=_("successor agency"),
    )
    effective_on = models.DateField(_("effective on"))
    source = models.CharField(_("source"), max_length=255)

    class Meta:
        verbose_name = _("agency succession")
        verbose_name_plural = _("agency successions")
        constraints = [
            models.UniqueConstraint(
                fields=["old_agency", "new_agency"], name="agency_succession_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(old_agency=models.F("new_agency")),
                name="agency_succession_not_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_agency} → {self.new_agency}"
