import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.constraints import ExplainedUniqueMixin
from ...core.fields import LongTextField
from ...core.search import SearchableModel
from ...core.validators import MEDIUM_TEXT, SHORT_TEXT
from .constants import OWED_STATES, DossierState


class HearingDossier(ExplainedUniqueMixin, SearchableModel):
    """Hồ sơ, tài liệu phục vụ tiếp công dân: what one agency concerned with one hearing
    hands the Board before the session (scheme V.1.2, V.1.3) — a written briefing and
    its documents (attached files)."""

    # Found by its due date and state; by its agency through the agency's own words
    # (the desk's search_fields "agency__name").
    search_title = ("due_date",)
    search_also = ("state",)

    session = models.ForeignKey(
        "tiep_cong_dan.ReceptionSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="dossiers",
    )
    agenda_item = models.ForeignKey(
        "tiep_cong_dan.AgendaItem",
        verbose_name=_("hearing"),
        on_delete=models.CASCADE,
        related_name="dossiers",
    )
    # The hearing's case, kept on the row: the rule and the masking ask it.
    petition = models.ForeignKey(
        "tiep_cong_dan.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    agency = models.ForeignKey(
        "tiep_cong_dan.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    due_date = models.DateField(_("due by"), editable=False)
    case_history = LongTextField(
        _("history of the case"),
        max_length=MEDIUM_TEXT,
        blank=True,
        help_text=_("How the case arose and how it was handled so far."),
    )
    decisions = LongTextField(
        _("what was decided"),
        max_length=MEDIUM_TEXT,
        blank=True,
        help_text=_("The decisions, replies and conclusions already issued on the case."),
    )
    proposal = LongTextField(
        _("the agency's proposal"),
        max_length=MEDIUM_TEXT,
        blank=True,
        help_text=_("What the agency proposes the Chairman concludes."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_late = models.BooleanField(_("submitted late"), default=False, editable=False)
    return_reason = LongTextField(
        _("reason returned"), max_length=SHORT_TEXT, blank=True, editable=False
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=DossierState.choices,
        default=DossierState.OPEN,
        editable=False,
        db_index=True,
    )
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("hearing dossier")
        verbose_name_plural = _("hearing dossiers")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "agency"], name="dossier_once"),
        ]
        indexes = [
            # An agency's own list, and the reminders across agencies.
            models.Index(fields=["agency", "state", "due_date"]),
            models.Index(fields=["state", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.petition}"

    @property
    def is_overdue(self) -> bool:
        """Still owed by the agency after its due date."""
        return self.state in OWED_STATES and self.due_date < timezone.localdate()

    @property
    def late(self) -> bool:
        """Handed in after its due date, or still owed past it."""
        return self.submitted_late or self.is_overdue


def pack_path(instance: "BriefingPack", filename: str) -> str:
    # A random name: the folder's owner (files.py) decides who reads it, not the address.
    return f"briefing-packs/{instance.session_id}/{uuid.uuid4().hex}.pdf"


class BriefingPack(models.Model):
    """One reader's copy of the Chairman's briefing pack of a session (print_format's
    "briefing_pack"), made in the background and delivered to that reader alone."""

    session = models.ForeignKey(
        "tiep_cong_dan.ReceptionSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="briefing_packs",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=pack_path, max_length=200)
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("briefing pack")
        verbose_name_plural = _("briefing packs")
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.session} — {self.recipient}"
