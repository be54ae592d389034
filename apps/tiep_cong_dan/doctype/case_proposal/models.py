from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.fields import LongTextField, ShortTextField
from ...core.search import SearchableModel
from ...core.validators import SHORT_TEXT
from .constants import ProposalGround, ProposalState


class CaseProposal(SearchableModel):
    """A commune's or district's proposal that the Chairman hear a case of its area
    online (scheme III.2.2, V.1.3), received by the Board to classify."""

    # Found by its grounds and state in words; the case's number and the proposing
    # committee through the list's own search fields.
    search_title = ("ground",)
    search_also = ("state",)

    petition = models.ForeignKey(
        "tiep_cong_dan.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    proposing_unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("proposing commune or district"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposing_agency = models.ForeignKey(
        "tiep_cong_dan.Agency",
        verbose_name=_("proposing People's Committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ground = models.CharField(_("grounds"), max_length=15, choices=ProposalGround.choices)
    details = LongTextField(_("details of the grounds"), max_length=SHORT_TEXT, blank=True)
    letter = ShortTextField(
        _("proposal letter"),
        max_length=255,
        blank=True,
        help_text=_("Number and date of the People's Committee's letter, if any."),
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=ProposalState.choices,
        default=ProposalState.SUBMITTED,
        editable=False,
    )
    decline_reason = LongTextField(
        _("reason for declining"), max_length=SHORT_TEXT, blank=True, editable=False
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("case proposal")
        verbose_name_plural = _("case proposals")
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["state", "proposed_at"])]

    def __str__(self) -> str:
        return _("Proposal for %(petition)s") % {"petition": self.petition}
