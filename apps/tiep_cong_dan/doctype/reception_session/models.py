from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.constraints import ExplainedUniqueMixin
from ...core.fields import LongTextField, ShortTextField
from ...core.models import from_records_link
from ...core.search import SearchableModel
from ...core.validators import BRIEF_TEXT, LONG_TEXT, MEDIUM_TEXT, SHORT_TEXT
from ..bridge_point.constants import Platform
from .constants import (
    DEFAULT_CAPACITY,
    DEFAULT_DOSSIER_WORKING_DAYS,
    DEFAULT_GAP_MINUTES,
    DEFAULT_GROUP_SLOT_MINUTES,
    DEFAULT_IN_PERSON_END,
    DEFAULT_IN_PERSON_START,
    DEFAULT_ONLINE_END,
    DEFAULT_ONLINE_START,
    DEFAULT_SLOT_MINUTES,
    AdHocGround,
    ConnectionSource,
    HearingMode,
    InviteeKind,
    SessionKind,
    SessionState,
)


class ReceptionSession(SearchableModel):
    """A day (or part of one) on which the Chairman receives citizens."""

    search_title = ("kind", "date")
    search_also = ("presiding_official", "notes")

    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    ad_hoc_ground = models.CharField(
        _("ad hoc ground"), max_length=2, choices=AdHocGround.choices, blank=True, default=""
    )
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start"), default=DEFAULT_ONLINE_START)
    end_time = models.TimeField(_("end"), default=DEFAULT_ONLINE_END)
    host_bridge_point = models.ForeignKey(
        "tiep_cong_dan.BridgePoint",
        verbose_name=_("host bridge point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_sessions",
    )
    presiding_official = ShortTextField(_("presiding official"), max_length=150)
    invited_agencies = models.ManyToManyField(
        "tiep_cong_dan.Agency",
        verbose_name=_("invited agencies"),
        blank=True,
        related_name="invited_sessions",
    )
    central_board_invited = models.BooleanField(
        _("Central Citizen Reception Board invited"), default=False
    )
    invited_units = models.ManyToManyField(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("district/commune chairmen invited"),
        blank=True,
        related_name="invited_sessions",
    )
    capacity = models.PositiveSmallIntegerField(
        _("hearings capacity"),
        default=DEFAULT_CAPACITY,
        help_text=_("How many hearings the Chairman's time allows (scheme: 12–15 a day)."),
    )
    dossier_working_days = models.PositiveSmallIntegerField(
        _("dossiers due (working days before)"),
        default=DEFAULT_DOSSIER_WORKING_DAYS,
        validators=[MaxValueValidator(20)],
        help_text=_(
            "The agencies concerned hand in each hearing's dossier this many working days "
            "before the session."
        ),
    )
    in_person_start = models.TimeField(
        _("in-person hearings from"), default=DEFAULT_IN_PERSON_START
    )
    in_person_end = models.TimeField(_("in-person hearings until"), default=DEFAULT_IN_PERSON_END)
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per hearing"), default=DEFAULT_SLOT_MINUTES
    )
    group_slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per group hearing"), default=DEFAULT_GROUP_SLOT_MINUTES
    )
    gap_minutes = models.PositiveSmallIntegerField(
        _("minutes between hearings"), default=DEFAULT_GAP_MINUTES
    )
    conference_platform = models.CharField(_("conference platform"), max_length=20, blank=True)
    conference_reference = models.CharField(_("conference reference"), max_length=200, blank=True)
    conference_alias = models.CharField(
        _("address to join"),
        max_length=200,
        blank=True,
        help_text=_("What a point dials to join (on Vmeeting: the meeting's dial string)."),
    )
    host_pin = models.CharField(_("host PIN"), max_length=12, blank=True)
    guest_pin = models.CharField(_("guest PIN or passcode"), max_length=12, blank=True)
    conference_provisioned_at = models.DateTimeField(
        _("room prepared at"), null=True, blank=True, editable=False
    )
    conference_error = models.CharField(
        _("last platform error"), max_length=300, blank=True, editable=False
    )
    recording_reference = ShortTextField(
        _("recording reference"),
        max_length=255,
        blank=True,
        help_text=_("Where the recording is kept on state infrastructure (Decree 154 Art. 24)."),
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=SessionState.choices,
        default=SessionState.DRAFT,
        editable=False,
        db_index=True,
    )
    notes = LongTextField(_("notes"), max_length=SHORT_TEXT, blank=True)
    from_records = from_records_link()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["-date", "-start_time"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    def participant_points(self) -> list:
        """The host point and every online hearing's point: what must test and connect."""
        points = {}
        if self.host_bridge_point_id:
            points[self.host_bridge_point_id] = self.host_bridge_point
        for item in self.agenda_items.select_related("bridge_point"):
            if item.mode == HearingMode.ONLINE and item.bridge_point_id:
                points[item.bridge_point_id] = item.bridge_point
        if self.central_board_invited:
            from ..bridge_point.models import BridgePoint

            central = BridgePoint.objects.filter(code="TW-TSTCD", active=True).first()
            if central:
                points[central.pk] = central
        return list(points.values())

    @property
    def platform_label(self) -> str:
        """The platform by its name ("Pexip Infinity (chính)"), not its code."""
        return str(dict(Platform.choices).get(self.conference_platform, self.conference_platform))

    def has_online_hearing(self) -> bool:
        return self.agenda_items.filter(mode=HearingMode.ONLINE).exists()

    def hours_for(self, mode: str) -> tuple:
        """The window a hearing of `mode` is held in: online ones in the session's hours
        (14:00-17:00 by default), in-person ones in the in-person hours."""
        if mode == HearingMode.ONLINE:
            return self.start_time, self.end_time
        return self.in_person_start, self.in_person_end

    def clean(self) -> None:
        from ...core.period import EARLIEST, LATEST

        errors = {}
        if self.date and not EARLIEST <= self.date <= LATEST:
            errors["date"] = ValidationError(
                _("Choose dates between 2000 and 2100."), code="implausible_date"
            )
        for name in ("slot_minutes", "group_slot_minutes"):
            if getattr(self, name) is not None and getattr(self, name) < 5:
                errors[name] = ValidationError(
                    _("A hearing slot lasts at least 5 minutes."), code="slot_too_short"
                )
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = ValidationError(
                _("A session hears at least one case."), code="no_capacity"
            )
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = ValidationError(
                _("The session must end after it starts."), code="invalid_time_window"
            )
        if self.kind == SessionKind.AD_HOC and not self.ad_hoc_ground:
            errors["ad_hoc_ground"] = ValidationError(
                _("An ad hoc session needs its ground under Law Art. 18(3)."),
                code="ad_hoc_without_ground",
            )
        if self.kind != SessionKind.AD_HOC and self.ad_hoc_ground:
            errors["ad_hoc_ground"] = ValidationError(
                _("Only an ad hoc session has an Art. 18(3) ground."), code="ground_not_ad_hoc"
            )
        if errors:
            raise ValidationError(errors)


class AgendaItem(ExplainedUniqueMixin, models.Model):
    """One hearing on a session's agenda, in order."""

    session = models.ForeignKey(
        ReceptionSession,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("session"),
    )
    position = models.PositiveSmallIntegerField(_("order"))
    petition = models.ForeignKey(
        "tiep_cong_dan.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    slot_start = models.TimeField(_("slot start"), null=True, blank=True)
    slot_end = models.TimeField(_("slot end"), null=True, blank=True)
    mode = models.CharField(
        _("mode"), max_length=10, choices=HearingMode.choices, default=HearingMode.ONLINE
    )
    bridge_point = models.ForeignKey(
        "tiep_cong_dan.BridgePoint",
        verbose_name=_("citizen's bridge point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    attendees = LongTextField(_("who attends at the point"), max_length=BRIEF_TEXT, blank=True)
    attendance_count = models.PositiveSmallIntegerField(
        _("citizens attending"), null=True, blank=True
    )
    # The register's "đoàn đông người" mark, which is not the number of petitioners
    # (form 03/TCD column 7): None where nobody recorded it.
    group_delegation = models.BooleanField(_("group delegation"), null=True, blank=True)
    heard = models.BooleanField(_("heard"), default=False)
    started_at = models.DateTimeField(_("hearing started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("hearing ended at"), null=True, blank=True)
    minutes = LongTextField(_("minutes of the hearing"), max_length=LONG_TEXT, blank=True)
    conclusion_draft = LongTextField(
        _("the Chairman's conclusion, as said"),
        max_length=MEDIUM_TEXT,
        blank=True,
        help_text=_("Taken down during the hearing; it opens the Result Notice's draft."),
    )
    from_records = from_records_link()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="agenda_position_unique"),
            models.UniqueConstraint(fields=["session", "petition"], name="agenda_petition_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.petition}"

    def clean(self) -> None:
        errors = {}
        if self.slot_start and self.slot_end and self.slot_end <= self.slot_start:
            errors["slot_end"] = ValidationError(
                _("The slot must end after it starts."), code="invalid_slot"
            )
        if self.mode == HearingMode.ONLINE and not self.bridge_point_id and self.petition_id:
            errors["bridge_point"] = ValidationError(
                _("An online hearing needs the citizen's bridge point."),
                code="online_without_point",
            )
        session = (
            getattr(self, "session", None) if self.session_id or self._session_cached() else None
        )
        if session is not None and "slot_end" not in errors:
            errors.update(self._slot_outside_hours(session))
        petition = getattr(self, "petition", None) if self.petition_id else None
        if session and session.date and petition and session.date < petition.received_date:
            errors["petition"] = ValidationError(
                _("A hearing cannot be before the petition was registered (%(date)s)."),
                code="hearing_before_registration",
                params={"date": petition.received_date.strftime("%d/%m/%Y")},
            )
        if errors:
            raise ValidationError(errors)

    def _session_cached(self) -> bool:
        return "session" in self._state.fields_cache

    def _slot_outside_hours(self, session: "ReceptionSession") -> dict:
        """A hearing (and the time its invitation gives) starts at or after the start of
        its window and ends, start plus its length, by the window's end: a citizen is
        never invited for 17:00 to a session that ends at 17:00."""
        import datetime

        start, end = session.hours_for(self.mode)
        if not (self.slot_start and start and end):
            return {}
        length = (
            session.group_slot_minutes
            if self.petition_id and self.petition.is_group
            else session.slot_minutes
        )
        day = datetime.date(2000, 1, 1)
        finish = (
            self.slot_end
            or (
                datetime.datetime.combine(day, self.slot_start) + datetime.timedelta(minutes=length)
            ).time()
        )
        if self.slot_start < start or finish > end or finish <= self.slot_start:
            return {
                "slot_start": ValidationError(
                    _(
                        "The hearing's slot (%(slot)s) must lie within the hours of the "
                        "session (%(start)s–%(end)s)."
                    ),
                    code="slot_outside_hours",
                    params={
                        "slot": f"{self.slot_start:%H:%M}–{finish:%H:%M}",
                        "start": f"{start:%H:%M}",
                        "end": f"{end:%H:%M}",
                    },
                )
            }
        return {}


class Invitation(models.Model):
    """Who must be told what about an announced session (Decree 154 Art. 23: at least
    5 working days before), and when they were told and confirmed."""

    session = models.ForeignKey(
        ReceptionSession,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("session"),
    )
    kind = models.CharField(_("invitee"), max_length=10, choices=InviteeKind.choices)
    citizen = models.ForeignKey(
        "tiep_cong_dan.Citizen",
        verbose_name=_("citizen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "tiep_cong_dan.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    bridge_point = models.ForeignKey(
        "tiep_cong_dan.BridgePoint",
        verbose_name=_("bridge point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    petitions = models.ManyToManyField(
        "tiep_cong_dan.Petition", verbose_name=_("cases"), blank=True, related_name="+"
    )
    message = LongTextField(_("what they are told"), max_length=SHORT_TEXT)
    number = models.CharField(
        _("letter number"),
        max_length=30,
        blank=True,
        editable=False,
        help_text=_("Given from the yearly register of invitation letters when sent."),
    )
    due_by = models.DateField(_("to be sent by"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["session", "kind", "id"]

    def __str__(self) -> str:
        who = self.citizen or self.unit or self.agency or self.get_kind_display()
        return f"{self.get_kind_display()}: {who}"

    @property
    def late(self) -> bool:
        """Not sent by the Art. 23 limit (or sent after it)."""
        from django.utils import timezone

        if self.sent_at is None:
            return self.due_by < timezone.localdate()
        return timezone.localtime(self.sent_at).date() > self.due_by


class PointConnection(models.Model):
    """A bridge point of the session known to be connected to its meeting at a moment:
    seen by the platform's live status, or, on a platform run by hand, confirmed by the
    technician (who and when kept per point). Decree 154 Art. 23's "every point
    connected" is judged from these rows, not claimed."""

    session = models.ForeignKey(
        ReceptionSession,
        on_delete=models.CASCADE,
        related_name="point_connections",
        verbose_name=_("session"),
    )
    bridge_point = models.ForeignKey(
        "tiep_cong_dan.BridgePoint",
        verbose_name=_("bridge point"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("known by"), max_length=12, choices=ConnectionSource.choices)
    at = models.DateTimeField(_("connected at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("point connection")
        verbose_name_plural = _("point connections")
        ordering = ["session", "-at"]
        indexes = [models.Index(fields=["session", "bridge_point", "at"])]

    def __str__(self) -> str:
        return f"{self.bridge_point_id} — {self.at:%d/%m/%Y %H:%M}"
