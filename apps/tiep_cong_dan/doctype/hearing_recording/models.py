from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.constraints import ExplainedUniqueMixin
from ...core.fields import ShortTextField
from .constants import CheckResult, RecordingSource


class RecordingRetained(Exception):
    """A recording asked to be deleted before its retention period is over."""

    code = "recording_retained"

    def __init__(self, recording: "Recording"):
        from django.utils.translation import gettext as gettext_now

        self.recording = recording
        super().__init__(
            gettext_now(
                "The recording is kept until %(date)s (Decree 154 Art. 24): it cannot be "
                "deleted before then."
            )
            % {"date": f"{recording.retention_until:%d/%m/%Y}"}
        )


class RecordingQuerySet(models.QuerySet):
    def retained(self, today=None) -> "RecordingQuerySet":
        return self.filter(retention_until__gte=today or timezone.localdate())

    def delete(self):
        # A bulk delete (an admin action, a cascade asked in code) skips Model.delete:
        # it refuses too while any row is still within its retention.
        first = self.retained().first()
        if first is not None:
            raise RecordingRetained(first)
        return super().delete()


class Recording(ExplainedUniqueMixin, models.Model):
    """The audio and video record of a session's online hearings (Decree 154 Art. 24(1)),
    kept on the state's storage: the system holds where it is, its size and SHA-256, not
    the video. One recording is of one hearing, or, with no hearing, of the whole
    meeting (every online hearing of the session)."""

    session = models.ForeignKey(
        "tiep_cong_dan.ReceptionSession",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="recordings",
    )
    agenda_item = models.ForeignKey(
        "tiep_cong_dan.AgendaItem",
        verbose_name=_("hearing"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recordings",
        help_text=_("Empty: the recording covers the whole meeting."),
    )
    location = models.CharField(
        _("storage location"),
        max_length=500,
        help_text=_("The file's path on the recordings storage (TCD_RECORDING_STORAGE)."),
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    media_type = models.CharField(_("media type"), max_length=100, blank=True)
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    started_at = models.DateTimeField(_("recording started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("recording ended at"), null=True, blank=True)
    source = models.CharField(_("registered by way of"), max_length=10, choices=RecordingSource)
    # The platform's own name of the file, when fetched from it.
    backend_reference = models.CharField(_("platform reference"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    retention_until = models.DateField(_("kept until"), db_index=True)
    note = ShortTextField(_("note"), max_length=255, blank=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    last_check = models.CharField(
        _("last check"), max_length=15, choices=CheckResult, blank=True, default=""
    )
    # When the whole file was last read and hashed (the nightly check spreads re-hashing
    # over nights; a presence and size check runs every night).
    last_hashed_at = models.DateTimeField(_("last re-hashed at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = RecordingQuerySet.as_manager()

    class Meta:
        verbose_name = _("hearing recording")
        verbose_name_plural = _("hearing recordings")
        ordering = ["session", "agenda_item__position", "started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["location"], name="recording_location_once"),
        ]
        indexes = [models.Index(fields=["last_hashed_at", "id"])]

    def __str__(self) -> str:
        return self.location.rsplit("/", 1)[-1]

    def delete(self, *args, **kwargs):
        if self.retention_until >= timezone.localdate():
            raise RecordingRetained(self)
        return super().delete(*args, **kwargs)

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]
