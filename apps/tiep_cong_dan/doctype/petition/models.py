import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.constraints import ExplainedUniqueMixin
from ...core.fields import LongTextField, ShortTextField
from ...core.models import from_records_link
from ...core.uploads import validate_attachment
from ...core.validators import BRIEF_TEXT, LONG_TEXT, SHORT_TEXT
from .constants import (
    GROUP_MIN_SIZE,
    NOT_COUNTED_STATES,
    AcceptanceOutcome,
    Channel,
    EligibilityBasis,
    Jurisdiction,
    PaperCondition,
    PetitionKind,
    PetitionState,
    RefusalGround,
)
from .similarity import ContentKeyField

ANONYMISED_PETITIONER = _(
    "This person's data was removed after the retention period: record them again as a new citizen."
)


class PetitionQuerySet(models.QuerySet):
    def counted(self) -> "PetitionQuerySet":
        """The petitions that are cases: what figures, registers and exports count (a
        registration voided as a duplicate is not; constants.NOT_COUNTED_STATES)."""
        return self.exclude(state__in=NOT_COUNTED_STATES)

    def not_counted(self) -> "PetitionQuerySet":
        """Registrations left out of every figure: their events are left out too."""
        return self.filter(state__in=NOT_COUNTED_STATES)


class Petition(ExplainedUniqueMixin, models.Model):
    """A petition (đơn) registered with the Board: one kind per petition."""

    registration_number = models.CharField(
        _("registration number"), max_length=30, unique=True, editable=False
    )
    # Never empty (register_petition numbers every petition): with the unique
    # constraint on both, "newest first" is a total order the index serves, and the
    # desk adds no tiebreaker the index cannot follow.
    registration_year = models.PositiveSmallIntegerField(_("registration year"), editable=False)
    registration_seq = models.PositiveIntegerField(_("number in year"), editable=False)
    received_date = models.DateField(_("received on"), default=timezone.localdate)
    # The keyed digest of the citizen's private lookup code (core/lookup_codes.py), set
    # when the code is issued; empty until then. Never shown, never exported.
    lookup_code_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=15, choices=PetitionKind.choices)
    citizen = models.ForeignKey(
        "tiep_cong_dan.Citizen",
        verbose_name=_("petitioner"),
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    summary = ShortTextField(_("summary"), max_length=300)
    content = LongTextField(_("content"), max_length=LONG_TEXT)
    people_concerned = LongTextField(
        _("people and bodies complained of or denounced"), max_length=BRIEF_TEXT, blank=True
    )
    group_size = models.PositiveSmallIntegerField(
        _("number of petitioners"),
        default=1,
        help_text=_("5 or more makes a group delegation (Law on Citizen Reception Art. 29)."),
    )
    residence_unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("unit of residence"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("The petitioner's unit when registered; kept when units change."),
    )
    matter_unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("unit where the matter arises"),
        on_delete=models.PROTECT,
        related_name="petitions_arising",
    )
    agencies_concerned = models.ManyToManyField(
        "tiep_cong_dan.Agency",
        verbose_name=_("agencies concerned"),
        blank=True,
        related_name="petitions",
        # The links carry the case's state and order (PetitionAgency): an agency's
        # officer's list is read from the links' own index.
        through="PetitionAgency",
    )
    earlier_handling = LongTextField(_("earlier handling"), max_length=SHORT_TEXT, blank=True)
    jurisdiction = models.CharField(
        _("jurisdiction"),
        max_length=20,
        choices=Jurisdiction.choices,
        default=Jurisdiction.UNDETERMINED,
    )
    eligibility_basis = models.CharField(
        _("basis for online reception"),
        max_length=15,
        choices=EligibilityBasis.choices,
        blank=True,
        default=EligibilityBasis.NONE,
    )
    citizen_consent = models.BooleanField(_("citizen consents to online reception"), default=False)
    chairman_proposal = models.CharField(
        _("proposal by a district/commune chairman"),
        max_length=255,
        blank=True,
        help_text=_("Document number and date of the proposal, for ad hoc cases."),
    )
    proposing_agency = models.ForeignKey(
        "tiep_cong_dan.Agency",
        verbose_name=_("proposing People's Committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    identity_protection_requested = models.BooleanField(
        _("denouncer requests identity protection"),
        default=False,
    )
    # Decree 154 Art. 20(4): a denunciation is heard online only when complex, the
    # denouncer not asking for identity protection, and the Board able to keep it secret.
    complex_case = models.BooleanField(
        _("complex denunciation"),
        default=False,
        help_text=_("Decree 154 Art. 20(4): the denunciation is complex."),
    )
    confidentiality_ensured = models.BooleanField(
        _("the Board can ensure confidentiality"),
        default=False,
        help_text=_(
            "Decree 154 Art. 20(4): the Board records that the conditions of confidentiality "
            "required by law can be ensured for an online hearing."
        ),
    )
    state = models.CharField(
        _("state"),
        max_length=15,
        choices=PetitionState.choices,
        default=PetitionState.RECEIVED,
        editable=False,
        db_index=True,
    )
    # -- Law Art. 28: tell the citizen within 10 working days -----------------
    acceptance_deadline = models.DateField(
        _("Art. 28 notice due by"), null=True, blank=True, editable=False
    )
    acceptance_outcome = models.CharField(
        _("Art. 28 outcome told to the citizen"),
        max_length=12,
        choices=AcceptanceOutcome.choices,
        blank=True,
        default=AcceptanceOutcome.NONE,
    )
    acceptance_notified_on = models.DateField(
        _("citizen told on"), null=True, blank=True, editable=False
    )
    transferred_to = models.ForeignKey(
        "tiep_cong_dan.Agency",
        verbose_name=_("transferred to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    transfer_letter = ShortTextField(
        _("transfer letter (number and date)"), max_length=120, blank=True
    )
    # -- not proposed or rejected: the written reply (scheme III.3.1.b) ---------
    reply_reason = LongTextField(
        _("reason given to the citizen"), max_length=SHORT_TEXT, blank=True
    )
    reply_letter_number = ShortTextField(_("reply letter number"), max_length=60, blank=True)
    reply_letter_date = models.DateField(_("reply letter date"), null=True, blank=True)
    # -- refusal (Law Art. 9, Decree 154 Art. 4) ------------------------------
    refusal_ground = models.CharField(
        _("ground for refusal"),
        max_length=12,
        choices=RefusalGround.choices,
        blank=True,
        default=RefusalGround.NONE,
    )
    refusal_notice_due = models.DateField(
        _("refusal notice (form 01/TCD) due by"), null=True, blank=True, editable=False
    )
    refusal_notice_number = ShortTextField(_("refusal notice number"), max_length=60, blank=True)
    refusal_notice_date = models.DateField(_("refusal notice date"), null=True, blank=True)
    # Decree 154 Art. 4(2): the reason is explained to the citizen in person.
    refusal_explained_by = ShortTextField(
        _("reason explained in person by"), max_length=120, blank=True
    )
    refusal_explained_on = models.DateField(
        _("reason explained in person on"), null=True, blank=True
    )
    # -- the Chairman's queue ----------------------------------------------------
    urgent = models.BooleanField(
        _("moved up the queue"),
        default=False,
        editable=False,
        help_text=_("Moved ahead by the Board head, with the reason in the timeline."),
    )
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("split from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_parts",
        help_text=_("A mixed petition is split into one petition per kind."),
    )
    # Set only by the step voiding this registration as a duplicate (services.py
    # void_as_duplicate): the case it repeats, which is the one counted.
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voided_duplicates",
        editable=False,
    )
    # Set by link_same_matter (related.py): this registration is another petition of
    # the matter first registered as that case. Figures counting matters (vụ việc)
    # count the matter once; those counting registrations count each (reporting).
    same_matter_as = models.ForeignKey(
        "self",
        verbose_name=_("same matter as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="same_matter_cases",
        editable=False,
    )
    # Law Art. 9(3) / Decree 154 Art. 4(1)(h): the earlier case, resolved, that the
    # refusal cites (offered by the related-cases panel).
    refusal_cites = models.ForeignKey(
        "self",
        verbose_name=_("earlier case cited by the refusal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The case already resolved that this petition repeats."),
    )
    # The folded distinctive words of summary and content (similarity.content_key),
    # compared for related cases; FULLTEXT-indexed on MariaDB.
    content_key = ContentKeyField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    from_records = from_records_link()
    history = HistoricalRecords(excluded_fields=["updated_at", "lookup_code_digest", "content_key"])

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-registration_year", "-registration_seq"]
        # Lists read newest first within a scope: each index below starts with what a
        # list filters on and ends with the order, so a page is read, not sorted.
        indexes = [
            models.Index(fields=["registration_seq"]),
            models.Index(
                fields=["matter_unit", "registration_year", "registration_seq"],
                name="petition_matter_unit_order",
            ),
            models.Index(
                fields=["residence_unit", "registration_year", "registration_seq"],
                name="petition_residence_order",
            ),
            # A deep page of a unit officer's list counts, year by year, the residents'
            # cases whose matter lies outside the scope: the matter's unit beside the
            # order, so the count reads the index alone (access/branches.py).
            models.Index(
                fields=["residence_unit", "registration_year", "registration_seq", "matter_unit"],
                name="petition_residence_scope_order",
            ),
            models.Index(
                fields=["state", "registration_year", "registration_seq"],
                name="petition_state_order",
            ),
            # The Chairman's queue in its order (scheduling/queue.py: the urgent first,
            # then by registration), read from the front without sorting the backlog.
            models.Index(
                fields=["state", "-urgent", "registration_year", "registration_seq"],
                name="petition_queue_order",
            ),
            # A unit officer's list filtered by state: one range per unit and column,
            # already in the list's order (access/branches.py).
            models.Index(
                fields=["state", "matter_unit", "registration_year", "registration_seq"],
                name="petition_state_matter_order",
            ),
            models.Index(
                fields=["state", "residence_unit", "registration_year", "registration_seq"],
                name="petition_state_residence_order",
            ),
            # A unit officer's citizens: the petitioners of the unit's cases read from
            # the index alone (doctype/citizen/permissions.py).
            models.Index(fields=["residence_unit", "citizen"], name="petition_residence_citizen"),
            models.Index(fields=["matter_unit", "citizen"], name="petition_matter_citizen"),
            # "Is this person a denouncer", asked of each person a list shows.
            models.Index(fields=["citizen", "kind"], name="petition_citizen_kind"),
            # A date range (the Board's month) read from this index with the order's
            # columns beside the date: its keys are sorted without reading the rows.
            models.Index(
                fields=["received_date", "registration_year", "registration_seq"],
                name="petition_received_order",
            ),
            # A scoped count by state (the cases waiting in a district) read from the
            # index alone, both of the scope's columns in it.
            models.Index(
                fields=["state", "residence_unit", "matter_unit"], name="petition_state_scope"
            ),
            # The same read by the matter's place: a district's cases waiting read as those
            # living there plus those whose matter lies there (reporting/figures.py).
            models.Index(
                fields=["state", "matter_unit", "residence_unit"],
                name="petition_state_matter_scope",
            ),
            # Law Art. 28 and Decree 154 Art. 4: notices given in a month, and those still
            # owed at its end (the deadline passed, no notice by then), from the index.
            models.Index(
                fields=["acceptance_deadline", "acceptance_notified_on"],
                name="petition_art28_owed",
            ),
            models.Index(fields=["acceptance_notified_on"], name="petition_art28_given"),
            models.Index(
                fields=["refusal_notice_due", "refusal_notice_date"], name="petition_refusal_owed"
            ),
            models.Index(fields=["refusal_notice_date"], name="petition_refusal_given"),
            models.Index(fields=["kind", "state"]),
            models.Index(fields=["state", "acceptance_deadline"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_year", "registration_seq"], name="petition_seq_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(group_size__gte=1), name="petition_group_size_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.registration_number or str(_("(not yet registered)"))

    def save(self, *args, **kwargs) -> None:
        # A save of the summary or content writes their key too (ContentKeyField).
        fields = kwargs.get("update_fields")
        if fields is not None and {"summary", "content"} & set(fields):
            kwargs["update_fields"] = {*fields, "content_key"}
        adding = self._state.adding
        super().save(*args, **kwargs)
        # Every save of a case (the workflow engine's steps included) carries its state
        # and order to its agency links, in the same transaction; a new case has none.
        # A whole save writes them all (the object may have been stale); a save of some
        # fields, those of them that changed since the case was read or last saved.
        saved = self._loaded_copy()
        before = getattr(self, "_copied_to_links", {})
        if kwargs.get("update_fields") is not None:
            saved = {k: v for k, v in saved.items() if k in kwargs["update_fields"]}
            changed = {k: v for k, v in saved.items() if k not in before or before[k] != v}
        else:
            changed = saved
        if changed and not adding:
            PetitionAgency.objects.filter(petition_id=self.pk).update(**changed)
        self._copied_to_links = {**before, **saved}

    @classmethod
    def from_db(cls, db, field_names, values):
        petition = super().from_db(db, field_names, values)
        petition._copied_to_links = petition._loaded_copy()
        return petition

    def _loaded_copy(self) -> dict:
        # Only the loaded columns: asking a deferred one would read the row again.
        return {
            name: self.__dict__[name] for name in PetitionAgency.COPIED if name in self.__dict__
        }

    def link_copy(self) -> dict:
        """What each of the case's agency links holds of it (PetitionAgency.COPIED)."""
        return {name: getattr(self, name) for name in PetitionAgency.COPIED}

    @property
    def is_group(self) -> bool:
        return self.group_size >= GROUP_MIN_SIZE

    @property
    def is_denunciation(self) -> bool:
        return self.kind == PetitionKind.DENUNCIATION

    @property
    def acceptance_overdue(self) -> bool:
        """Law Art. 28: the 10 working days passed and the citizen was not told."""
        return bool(
            self.acceptance_deadline
            and not self.acceptance_notified_on
            and self.acceptance_deadline < timezone.localdate()
        )

    @property
    def acceptance_told(self) -> bool:
        """Law Art. 28: the citizen was told the outcome, on a recorded day."""
        return bool(self.acceptance_outcome and self.acceptance_notified_on)

    @property
    def acceptance_notice_late(self) -> bool:
        """Law Art. 28: the citizen was told after the 10 working days."""
        return bool(
            self.acceptance_deadline
            and self.acceptance_notified_on
            and self.acceptance_notified_on > self.acceptance_deadline
        )

    @property
    def refusal_notice_late(self) -> bool:
        """Decree 154 Art. 4(3): form 01/TCD issued after its 3 working days."""
        return bool(
            self.refusal_notice_due
            and self.refusal_notice_date
            and self.refusal_notice_date > self.refusal_notice_due
        )

    @property
    def refusal_notice_overdue(self) -> bool:
        """Decree 154 Art. 4(3): the 3 working days passed and no form 01/TCD."""
        return bool(
            self.refusal_notice_due
            and not self.refusal_notice_date
            and self.refusal_notice_due < timezone.localdate()
        )

    def clean(self) -> None:
        errors: dict[str, list] = {}
        today = timezone.localdate()
        if self.pk is None and self.citizen_id and self.citizen.anonymised_at:
            errors.setdefault("citizen", []).append(
                ValidationError(ANONYMISED_PETITIONER, code="anonymised")
            )
        if self.received_date:
            if self.received_date > today:
                errors.setdefault("received_date", []).append(
                    ValidationError(
                        _("The received date cannot be in the future."), code="future_date"
                    )
                )
            elif self.received_date < datetime.date(2000, 1, 1):
                errors.setdefault("received_date", []).append(
                    ValidationError(_("The received date is before 2000."), code="implausible_date")
                )
        unit = self.matter_unit if self.matter_unit_id else None
        if unit and self.received_date and not unit.is_valid_on(self.received_date):
            errors.setdefault("matter_unit", []).append(
                ValidationError(
                    _("%(unit)s was not in force on %(date)s: choose the unit of that date."),
                    code="unit_not_in_force",
                    params={"unit": unit, "date": self.received_date.strftime("%d/%m/%Y")},
                )
            )
        if self.chairman_proposal and not self.proposing_agency_id:
            errors.setdefault("proposing_agency", []).append(
                ValidationError(
                    _("Name the People's Committee whose chairman made the proposal."),
                    code="proposal_without_agency",
                )
            )
        for number, date, label in (
            ("reply_letter_number", "reply_letter_date", "reply"),
            ("refusal_notice_number", "refusal_notice_date", "refusal"),
        ):
            if bool(getattr(self, number)) != bool(getattr(self, date)):
                errors.setdefault(number if not getattr(self, number) else date, []).append(
                    ValidationError(
                        _("Give both the number and the date of the letter."),
                        code=f"{label}_letter_incomplete",
                    )
                )
        if bool(self.refusal_explained_by) != bool(self.refusal_explained_on):
            missing = (
                "refusal_explained_on" if self.refusal_explained_by else "refusal_explained_by"
            )
            errors.setdefault(missing, []).append(
                ValidationError(
                    _("Give both who explained the reason and when."),
                    code="refusal_explanation_incomplete",
                )
            )
        for name in (
            "reply_letter_date",
            "refusal_notice_date",
            "refusal_explained_on",
            "acceptance_notified_on",
        ):
            value = getattr(self, name)
            if value and self.received_date and value < self.received_date:
                errors.setdefault(name, []).append(
                    ValidationError(
                        _("A letter cannot be dated before the petition was received."),
                        code="letter_before_receipt",
                    )
                )
            if value and value > today:
                errors.setdefault(name, []).append(
                    ValidationError(_("The date cannot be in the future."), code="future_date")
                )
        if errors:
            raise ValidationError(errors)


class PetitionAgency(models.Model):
    """A case naming an agency among those concerned (Petition.agencies_concerned),
    with copies of the case's state and order: an agency's officer's list (every case
    naming one of their agencies, newest first, by state) is read from this table's
    index alone (doctype/petition/agency_pages.py), where reading it through the cases
    looked up each of a department's twenty thousand cases by key.

    The copies are written with the link (`services.set_agencies_concerned`) and by
    every save of the case (`Petition.save`); the nightly integrity check compares
    them with the cases."""

    COPIED = ("state", "registration_year", "registration_seq")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE)
    agency = models.ForeignKey("tiep_cong_dan.Agency", on_delete=models.CASCADE)
    state = models.CharField(max_length=15, choices=PetitionState.choices, editable=False)
    registration_year = models.PositiveSmallIntegerField(editable=False)
    registration_seq = models.PositiveIntegerField(editable=False)

    class Meta:
        # The table Django made for the links before they carried the copies.
        db_table = "tiep_cong_dan_petition_agencies_concerned"
        unique_together = [("petition", "agency")]
        # An agency's links in the list's order, and a state's: the state first, so
        # that an agency's unfiltered list has one index to follow (with the agency
        # first in both, MariaDB read a deep page from the state's and sorted it).
        indexes = [
            models.Index(
                fields=["agency", "registration_year", "registration_seq", "petition"],
                name="petition_agency_order",
            ),
            models.Index(
                fields=["state", "agency", "registration_year", "registration_seq", "petition"],
                name="petition_agency_state_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} → {self.agency_id}"


class PetitionRepresentative(ExplainedUniqueMixin, models.Model):
    """A representative chosen by a group of petitioners (Law Art. 29)."""

    petition = models.ForeignKey(
        Petition,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("petition"),
    )
    citizen = models.ForeignKey(
        "tiep_cong_dan.Citizen",
        verbose_name=_("representative"),
        on_delete=models.PROTECT,
        related_name="representations",
    )
    appointment_paper = ShortTextField(
        _("appointment paper"),
        max_length=255,
        blank=True,
        help_text=_("The paper signed by the petitioners appointing the representative."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group representative")
        verbose_name_plural = _("group representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "citizen"], name="representative_once_per_petition"
            ),
        ]

    def __str__(self) -> str:
        return str(self.citizen)


def attachment_path(instance: "PetitionAttachment", filename: str) -> str:
    # A random stored name: the citizen's file name is kept only as data, so it
    # can never steer where the file lands.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"petitions/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class PetitionAttachment(models.Model):
    petition = models.ForeignKey(
        Petition,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("petition"),
    )
    title = ShortTextField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, validators=[validate_attachment])
    original_name = models.CharField(_("original file name"), max_length=255, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    # What the receipt (form 02/TCD) lists for each document: its pages and condition.
    pages = models.PositiveSmallIntegerField(
        _("pages"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    condition = models.CharField(
        _("condition"), max_length=20, choices=PaperCondition.choices, blank=True
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.original_name:
            self.original_name = PurePath(self.file.name).name[:255]
            self.size = self.file.size
        super().save(*args, **kwargs)
