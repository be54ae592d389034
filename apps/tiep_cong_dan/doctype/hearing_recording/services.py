"""Registering a session's recordings (uploaded in the desk, fetched from the conference
platform, or named by their path on the storage), and deleting one once its retention
is over. The size and SHA-256 kept are always the system's own reading of the file,
never a figure typed or sent: a platform's figures are compared with it."""

import datetime
import logging
import mimetypes
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..reception_session.constants import HearingMode, SessionState
from ..reception_session.models import AgendaItem, ReceptionSession
from . import storage
from .constants import CHUNK_BYTES, CheckResult, RecordingSource
from .models import Recording, RecordingRetained

logger = logging.getLogger(__name__)

# A recording exists once the meeting has begun.
RECORDED_STATES = frozenset({SessionState.IN_PROGRESS, SessionState.HELD, SessionState.CLOSED})


def retention_years() -> int:
    years = settings.TCD_RECORDING_RETENTION_YEARS
    if not isinstance(years, int) or years < 1:
        raise ImproperlyConfigured(
            "TCD_RECORDING_RETENTION_YEARS must be a whole number of years, >= 1"
        )
    return years


def retention_until_for(day: datetime.date) -> datetime.date:
    """The last day a recording made on `day` must be kept: the same date
    TCD_RECORDING_RETENTION_YEARS later (28 February for a 29 February)."""
    year = day.year + retention_years()
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _check_target(session: ReceptionSession, agenda_item: AgendaItem | None) -> None:
    if session.state not in RECORDED_STATES:
        raise ValidationError(
            _("A recording is registered once the session has begun."), code="not_held"
        )
    if agenda_item is None:
        return
    if agenda_item.session_id != session.pk:
        raise ValidationError(
            {"agenda_item": _("This hearing is not on the session's agenda.")}, code="invalid"
        )
    if agenda_item.mode != HearingMode.ONLINE:
        raise ValidationError(
            {"agenda_item": _("Only an online hearing is recorded by the platform.")},
            code="not_online",
        )


def _media_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or ""


def _register(session, agenda_item, location, digest, source, *, by, **details) -> Recording:
    if Recording.objects.filter(location=location).exists():
        raise ValidationError(
            {"location": _("This file is already registered as a recording.")},
            code="already_registered",
        )
    recording = Recording(
        session=session,
        agenda_item=agenda_item,
        location=location,
        size=digest.size,
        sha256=digest.sha256,
        media_type=details.pop("media_type", "") or _media_type(location),
        source=source,
        registered_by=by,
        registered_at=timezone.now(),
        retention_until=retention_until_for(session.date),
        last_check=CheckResult.OK,
        last_checked_at=timezone.now(),
        last_hashed_at=timezone.now(),
        **details,
    )
    recording.full_clean()
    if by is not None:
        recording._history_user = by
    try:
        with transaction.atomic():
            recording.save()
    except IntegrityError as exc:  # the same file registered at the same moment
        raise ValidationError(
            {"location": _("This file is already registered as a recording.")},
            code="already_registered",
        ) from exc
    # Debug only: the change history keeps who registered it (the set-up console stays quiet).
    logger.debug("recording %s registered (%s) by %s", recording.pk, source, by)
    return recording


def upload_recording(
    session: ReceptionSession,
    upload,
    *,
    agenda_item: AgendaItem | None = None,
    by=None,
    note: str = "",
) -> Recording:
    """An uploaded file streamed onto the storage (hashed as it is written), then
    registered; the file is removed again if it cannot be."""
    _check_target(session, agenda_item)
    limit = storage.max_bytes()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": _("The recording is larger than the %(limit)s allowed.")
                % {"limit": storage.human_size(limit)}
            },
            code="too_large",
        )
    if not upload.size:
        raise ValidationError({"file": _("The file is empty.")}, code="empty")
    location = storage.new_location(f"{session.date:%Y/%m-%d}-phien-{session.pk}", upload.name)
    digest = storage.write_stream(location, upload.chunks(CHUNK_BYTES), limit)
    try:
        return _register(
            session,
            agenda_item,
            location,
            digest,
            RecordingSource.UPLOAD,
            by=by,
            note=note,
            media_type=getattr(upload, "content_type", "") or "",
        )
    except BaseException:
        storage.path_of(location).unlink(missing_ok=True)
        raise


def _digest_of(location: str) -> storage.Digest:
    path = storage.path_of(location)
    if not path.is_file():
        raise ValidationError(
            {"location": _("No file at this path on the recordings storage.")}, code="missing"
        )
    try:
        return storage.digest_file(path)
    except OSError as exc:
        raise ValidationError(
            {"location": _("The file cannot be read: %(error)s") % {"error": exc.strerror}},
            code="unreadable",
        ) from exc


def register_by_reference(
    session: ReceptionSession,
    location: str,
    *,
    agenda_item: AgendaItem | None = None,
    by=None,
    note: str = "",
    expected_sha256: str = "",
    **details,
) -> Recording:
    """A file already on the storage (copied there by the platform or a technician),
    named by its path: the system reads and hashes it. A SHA-256 the caller was given
    (by the platform) must match what the system reads."""
    _check_target(session, agenda_item)
    try:
        location = storage.clean_location(location)
    except ValidationError as exc:
        raise ValidationError({"location": exc.messages}) from exc
    digest = _digest_of(location)
    if expected_sha256 and expected_sha256.lower() != digest.sha256:
        raise ValidationError(
            {"location": _("The file's SHA-256 is not the one the platform gave.")},
            code="hash_mismatch",
        )
    source = details.pop("source", RecordingSource.REFERENCE)
    return _register(session, agenda_item, location, digest, source, by=by, note=note, **details)


def copy_from_stream(
    session: ReceptionSession,
    filename: str,
    chunks: Iterable[bytes],
    *,
    agenda_item: AgendaItem | None = None,
    by=None,
    expected_size: int | None = None,
    expected_sha256: str = "",
    **details,
) -> Recording:
    """A recording the platform hands out as a download: streamed onto the storage,
    hashed as it is written and compared with the platform's figures."""
    _check_target(session, agenda_item)
    location = storage.new_location(f"{session.date:%Y/%m-%d}-phien-{session.pk}", filename)
    digest = storage.write_stream(location, chunks, storage.max_bytes())
    try:
        wrong = (expected_size is not None and expected_size != digest.size) or (
            expected_sha256 and expected_sha256.lower() != digest.sha256
        )
        if wrong:
            raise ValidationError(
                _("The file received differs from what the platform described."),
                code="hash_mismatch",
            )
        return _register(
            session, agenda_item, location, digest, RecordingSource.BACKEND, by=by, **details
        )
    except BaseException:
        storage.path_of(location).unlink(missing_ok=True)
        raise


@transaction.atomic
def delete_recording(recording: Recording, *, by, remove_file: bool = False) -> None:
    """A recording whose retention is over, taken off the register (the change history
    keeps the row and who deleted it); its file is removed only when asked. Refused
    (RecordingRetained) while the retention runs."""
    current = Recording.objects.select_for_update().get(pk=recording.pk)
    if current.retention_until >= timezone.localdate():
        raise RecordingRetained(current)
    location = current.location
    current._history_user = by
    current.delete()
    logger.warning(
        "recording %s (%s, kept until %s) deleted by %s",
        recording.pk,
        location,
        current.retention_until,
        by,
    )
    if remove_file:
        transaction.on_commit(lambda: storage.path_of(location).unlink(missing_ok=True))


def uncovered_hearings(session: ReceptionSession) -> list[AgendaItem]:
    """The session's online hearings held but covered by no registered recording (its
    own, or one of the whole meeting); every online hearing when none was marked heard
    and nothing is registered."""
    online = list(session.agenda_items.filter(mode=HearingMode.ONLINE).order_by("position"))
    if not online:
        return []
    covered = set(session.recordings.values_list("agenda_item_id", flat=True))
    if None in covered:
        return []
    heard = [item for item in online if item.heard] or online
    return [item for item in heard if item.pk not in covered]
