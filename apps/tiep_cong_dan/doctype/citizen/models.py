import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.constraints import ExplainedUniqueMixin
from ...core.fields import ShortTextField
from ...core.models import from_records_link
from ...core.search import SearchableModel
from ...core.validators import validate_phone
from .constants import Gender, IdKind
from .validators import validate_id_number

ID_NUMBER_TAKEN = "id_number_taken"  # the error's code, in the API too
DUPLICATE_ID_NUMBER = _("A citizen with this identity paper and number is already recorded.")


class Citizen(ExplainedUniqueMixin, SearchableModel):
    """A person who petitions, or represents a group of petitioners."""

    # The name and number folded for search (core/search.py), kept in step by save().
    search_title = ("full_name",)
    search_also = ("id_number",)

    # The duplicate is the ID number's error, shown beside that field.
    unique_error_fields = {"citizen_id_unique": "id_number"}

    full_name = ShortTextField(_("full name"), max_length=120, db_index=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    id_kind = models.CharField(
        _("identity paper"), max_length=10, choices=IdKind.choices, default=IdKind.CCCD
    )
    id_number = models.CharField(_("ID number"), max_length=20, blank=True)
    # What the unique index holds: the number, or NULL when there is none (an index
    # treats NULLs as distinct). MariaDB creates no conditional unique constraint
    # (Django's W036), so a "unique when not blank" rule lives in this column instead,
    # on every database.
    id_number_key = models.GeneratedField(
        expression=NullIf("id_number", models.Value("")),
        output_field=models.CharField(max_length=20),
        db_persist=True,
    )
    id_issued_on = models.DateField(_("issued on"), null=True, blank=True)
    # Forms 01/TCD and 02/TCD print the paper's number, date and place of issue.
    id_issued_by = ShortTextField(_("place of issue"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = ShortTextField(_("address"), max_length=255)
    residence_unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("unit of residence"),
        on_delete=models.PROTECT,
        related_name="residents",
    )
    contact_consent = models.BooleanField(
        _("consents to be contacted by phone/e-mail"), default=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set when the retention job removed the personal data (TCD_RETENTION_YEARS after
    # the citizen's last case closed): the row stays for the cases' statistics.
    anonymised_at = models.DateTimeField(
        _("personal data removed on"), null=True, blank=True, editable=False
    )
    from_records = from_records_link()
    history = HistoricalRecords(excluded_fields=["id_number_key", "search_text"])

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        ordering = ["full_name"]
        indexes = [models.Index(fields=["id_number"])]
        constraints = [
            models.UniqueConstraint(
                fields=["id_kind", "id_number_key"],
                name="citizen_id_unique",
                violation_error_code=ID_NUMBER_TAKEN,
                violation_error_message=DUPLICATE_ID_NUMBER,
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        new = self._state.adding and self.pk is None
        super().save(*args, **kwargs)
        # The words of the search column, one row each (name_words.py): a search by a
        # common name reads the rarest word's range instead of a full-text merge.
        from .name_words import keep_words

        keep_words([self], new=new)

    def __str__(self) -> str:
        # The birth year tells namesakes apart in pickers and lists.
        if self.date_of_birth:
            return f"{self.full_name} ({self.date_of_birth.year})"
        return self.full_name

    def validate_constraints(self, exclude=None) -> None:
        # A form leaves the generated key out (it is no form field), which would skip
        # the check: the fields it is computed from decide instead.
        if exclude and "id_number_key" in exclude and "id_number" not in exclude:
            exclude = set(exclude) - {"id_number_key"}
        super().validate_constraints(exclude)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        today = timezone.localdate()
        if self.date_of_birth:
            if self.date_of_birth > today:
                errors.setdefault("date_of_birth", []).append(
                    ValidationError(_("Date of birth cannot be in the future."), code="future_date")
                )
            elif self.date_of_birth < datetime.date(today.year - 120, 1, 1):
                errors.setdefault("date_of_birth", []).append(
                    ValidationError(
                        _("Date of birth is more than 120 years ago."), code="implausible_date"
                    )
                )
        if self.id_number:
            try:
                self.id_number = validate_id_number(
                    self.id_kind,
                    self.id_number,
                    self.date_of_birth.year if self.date_of_birth else None,
                )
            except ValidationError as exc:
                errors.setdefault("id_number", []).append(exc)
        if self.id_issued_on and self.id_issued_on > today:
            errors.setdefault("id_issued_on", []).append(
                ValidationError(_("Issue date cannot be in the future."), code="future_date")
            )
        elif self.id_issued_on and self.date_of_birth and self.id_issued_on < self.date_of_birth:
            errors.setdefault("id_issued_on", []).append(
                ValidationError(
                    _("Issue date cannot be before the date of birth."), code="before_birth"
                )
            )
        if self.phone:
            try:
                self.phone = validate_phone(self.phone)
            except ValidationError as exc:
                errors.setdefault("phone", []).append(exc)
        if errors:
            raise ValidationError(errors)


class CitizenWord(models.Model):
    """One word of a citizen's search column (core/search.py), folded: what a search by
    name reads by index, by the word's prefix or by the citizen (name_words.py). Kept in
    step with the column by every write of a citizen (save, the history import);
    anonymisation saves the pseudonym, so the erased name's words go with it."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="name_words", db_index=False
    )
    word = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(fields=["word", "citizen"], name="citizenword_word"),
            models.Index(fields=["citizen", "word"], name="citizenword_citizen"),
        ]

    def __str__(self) -> str:
        return self.word
