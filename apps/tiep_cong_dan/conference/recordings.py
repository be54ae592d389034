"""A session's recordings fetched from its conference platform, where the platform
offers them (Capability.RECORDINGS: Jibri's directory for Jitsi; Pexip Infinity and
Vmeeting keep none, so the Board uploads the file or names its path). A file the
platform left on the recordings storage is registered where it is; one elsewhere is
streamed onto the storage. Either way the system reads the file itself and compares
what the platform said of it (size, SHA-256) with what it read."""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..doctype.hearing_recording import services, storage
from ..doctype.hearing_recording.constants import RecordingSource
from ..doctype.hearing_recording.models import Recording
from ..doctype.reception_session.models import ReceptionSession
from .backends import NotConfigured, backend_for
from .base import Capability, ConferenceError, RecordingFile
from .services import ERROR_TEXT, meeting_for


class NoRecordings(Exception):
    """The session's platform offers no recordings to fetch (or is not configured)."""


@dataclass
class Fetched:
    registered: list[Recording] = field(default_factory=list)
    known: int = 0  # already on the register
    refused: list[str] = field(default_factory=list)  # "<file>: <why>"


def _inside_storage(path: str) -> str | None:
    try:
        return storage.clean_location(path) if path else None
    except ValidationError:
        return None


def _register(session, found: RecordingFile, by) -> Recording:
    details = {
        "backend_reference": found.reference[:200],
        "started_at": found.started_at,
        "ended_at": found.ended_at,
        "duration_seconds": found.duration_seconds,
        "media_type": found.media_type,
    }
    location = _inside_storage(found.path)
    if location is not None:
        if found.size is not None and storage.path_of(location).stat().st_size != found.size:
            raise ValidationError(
                _("The file received differs from what the platform described."),
                code="size_mismatch",
            )
        return services.register_by_reference(
            session,
            location,
            by=by,
            expected_sha256=found.sha256,
            source=RecordingSource.BACKEND,
            **details,
        )
    if found.path:
        source = Path(found.path)
        chunks = storage.read_chunks(source)
    elif found.chunks is not None:
        chunks = found.chunks()
    else:
        raise ValidationError(_("The platform gave no way to read the file."), code="invalid")
    return services.copy_from_stream(
        session,
        found.name,
        chunks,
        by=by,
        expected_size=found.size,
        expected_sha256=found.sha256,
        **details,
    )


def fetch_recordings(session: ReceptionSession, *, by=None) -> Fetched:
    """Register every recording file the platform lists for the session and the
    register does not hold yet; each file on its own (one refused leaves the others)."""
    try:
        backend = backend_for(session.conference_platform or "pexip")
    except NotConfigured as exc:
        raise NoRecordings(str(exc)) from exc
    if Capability.RECORDINGS not in backend.capabilities:
        raise NoRecordings(backend.name)
    try:
        files = backend.recordings(meeting_for(session))
    except ConferenceError as exc:
        raise NoRecordings(ERROR_TEXT.get(exc.kind, str(exc.kind))) from exc
    result = Fetched()
    known = set(
        Recording.objects.filter(session=session).values_list("backend_reference", flat=True)
    )
    for found in files:
        location = _inside_storage(found.path)
        if (found.reference and found.reference[:200] in known) or (
            location and Recording.objects.filter(location=location).exists()
        ):
            result.known += 1
            continue
        try:
            result.registered.append(_register(session, found, by))
        except ValidationError as exc:
            result.refused.append(f"{found.name}: {'; '.join(exc.messages)}")
        except OSError as exc:
            result.refused.append(f"{found.name}: {exc.strerror or exc}")
    return result
