import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.constraints import ExplainedUniqueMixin
from ...core.fields import LongTextField, ShortTextField
from ...core.models import from_records_link
from ...core.search import SearchableModel
from ...core.validators import BRIEF_TEXT, MEDIUM_TEXT, SHORT_TEXT
from .constants import OPEN_ASSIGNMENT_STATES, AssignmentState, NoticeState


class ResultNotice(ExplainedUniqueMixin, SearchableModel):
    """Thông báo kết luận tiếp công dân: what the Chairman concluded at a session."""

    search_title = ("number",)
    search_also = ("issued_date", "signer_name")

    number = models.CharField(_("number"), max_length=40, blank=True, db_index=True, editable=False)
    number_year = models.PositiveSmallIntegerField(null=True, editable=False)
    number_seq = models.PositiveIntegerField(null=True, editable=False)
    issued_date = models.DateField(_("date of issue"), null=True, blank=True, editable=False)
    session = models.ForeignKey(
        "tiep_cong_dan.ReceptionSession",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="result_notices",
    )
    signer_name = ShortTextField(_("signed by"), max_length=120, blank=True)
    signer_title = ShortTextField(_("signer's title"), max_length=120, blank=True)
    recipients = LongTextField(_("recipients"), max_length=BRIEF_TEXT, blank=True)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=NoticeState.choices,
        default=NoticeState.DRAFT,
        editable=False,
    )
    # A correction: this notice, once issued, replaces that one (Decree 30/2020: an
    # issued document is never edited; a new one revokes it).
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces notice"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    from_records = from_records_link()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("result notice")
        verbose_name_plural = _("result notices")
        ordering = ["-issued_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_year", "number_seq"], name="notice_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"{_('Draft')} — {self.session}"

    def clean(self) -> None:
        # A correction concludes the same session as the notice it replaces.
        if self.replaces_id and self.session_id != self.replaces.session_id:
            raise ValidationError(
                {
                    "session": ValidationError(
                        _("A replacement notice is of the session of the notice it replaces."),
                        code="replacement_session",
                    )
                }
            )


class Conclusion(ExplainedUniqueMixin, models.Model):
    notice = models.ForeignKey(
        ResultNotice,
        on_delete=models.CASCADE,
        related_name="conclusions",
        verbose_name=_("result notice"),
    )
    petition = models.ForeignKey(
        "tiep_cong_dan.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="conclusions",
    )
    text = LongTextField(_("the Chairman's conclusion"), max_length=MEDIUM_TEXT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        constraints = [
            models.UniqueConstraint(fields=["notice", "petition"], name="conclusion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} — {self.petition}"


class Assignment(SearchableModel):
    """A task the Result Notice assigns to an agency, followed up until done."""

    search_title = ("task",)
    search_also = ("deadline",)

    notice = models.ForeignKey(
        ResultNotice,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("result notice"),
    )
    petition = models.ForeignKey(
        "tiep_cong_dan.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    agency = models.ForeignKey(
        "tiep_cong_dan.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    task = LongTextField(_("task"), max_length=SHORT_TEXT)
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("A date, or leave empty and give the working days."),
    )
    working_days = models.PositiveSmallIntegerField(
        _("within (working days)"),
        null=True,
        blank=True,
        help_text=_("When given, the deadline is counted in working days from the date of issue."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=AssignmentState.choices,
        default=AssignmentState.OPEN,
        editable=False,
        db_index=True,
    )
    done_on = models.DateField(_("reported done on"), null=True, blank=True)
    report = LongTextField(_("agency's report"), max_length=MEDIUM_TEXT, blank=True)
    from_records = from_records_link()
    # The case's units (its petition's residence and matter), copied so that a unit
    # officer's open tasks are counted from indexes (assignment_open_*) rather
    # than by looking up each task's petition: 14,000 look-ups, 0.12 s, on the district
    # dashboard. Written by `save` and by the bulk writers through `copy_case_units`;
    # a petition's edit that moves it carries them along (petition/services.py).
    case_residence_unit = models.PositiveBigIntegerField(null=True, editable=False)
    case_matter_unit = models.PositiveBigIntegerField(null=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["search_text", "case_residence_unit", "case_matter_unit"]
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["deadline"]
        indexes = [
            # A unit officer's open tasks: those of cases living in the units, then
            # those arising there and living elsewhere (reporting/figures.py; the
            # residence last: first, its exclusion split the ranges in thousands).
            models.Index(
                fields=["state", "case_residence_unit", "agency", "deadline"],
                name="assignment_open_residence",
            ),
            models.Index(
                fields=["state", "case_matter_unit", "agency", "deadline", "case_residence_unit"],
                name="assignment_open_matter",
            ),
            models.Index(fields=["agency", "state", "deadline"]),
            # The reports: open ones and those due in a period, across agencies.
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.task[:60]}"

    CASE_UNITS = ("case_residence_unit", "case_matter_unit")

    def copy_case_units(self) -> None:
        """Take the petition's units (before a write that does not call `save`)."""
        petition = self.petition
        self.case_residence_unit = petition.residence_unit_id
        self.case_matter_unit = petition.matter_unit_id

    def save(self, *args, **kwargs) -> None:
        fields = kwargs.get("update_fields")
        if self.petition_id is not None and (
            fields is None or {"petition", "petition_id"} & set(fields)
        ):
            self.copy_case_units()
            if fields is not None:
                kwargs["update_fields"] = {*fields, *self.CASE_UNITS}
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        """Still being followed up after its deadline."""
        return (
            self.state in OPEN_ASSIGNMENT_STATES
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )

    def clean(self) -> None:
        errors = {}
        if self.done_on and self.done_on > timezone.localdate():
            errors["done_on"] = ValidationError(
                _("The date cannot be in the future."), code="future_date"
            )
        if not self.deadline and not self.working_days:
            errors["deadline"] = ValidationError(
                _("Give a deadline date or a number of working days."), code="no_deadline"
            )
        if self.deadline and self.deadline < datetime.date(2000, 1, 1):
            errors["deadline"] = ValidationError(
                _("The deadline is before 2000."), code="implausible_date"
            )
        errors.update(self._dates_against_notice(errors))
        if errors:
            raise ValidationError(errors)

    def _dates_against_notice(self, errors: dict) -> dict:
        """A task runs from its notice: no deadline, no completion before the notice was
        issued (a draft is issued at the earliest on its session's day)."""
        notice = self.notice if self.notice_id or "notice" in self._state.fields_cache else None
        if notice is None:
            return {}
        floor, what = notice.issued_date, _("the notice's date of issue")
        if floor is None:
            session = notice.session if notice.session_id else None
            floor, what = (session.date if session else None), _("the session's day")
        if floor is None:
            return {}
        found = {}
        for name, label in (("deadline", _("The deadline")), ("done_on", _("The completion date"))):
            value = getattr(self, name)
            if value and name not in errors and value < floor:
                found[name] = ValidationError(
                    _("%(what)s (%(date)s) is before %(floor)s (%(floor_date)s)."),
                    code="before_notice",
                    params={
                        "what": label,
                        "date": value.strftime("%d/%m/%Y"),
                        "floor": what,
                        "floor_date": floor.strftime("%d/%m/%Y"),
                    },
                )
        return found
