"""What the system asks of a video conference platform, whichever it is.

A backend says what it can do (`capabilities`); the desk offers only that. Every call
raises ConferenceError with a `kind` the desk can explain (unreachable, timeout,
refused credentials, rate-limited, rejected request) and never leaves the session's
own data half-written: the platform is told, the system records what it was told."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Capability(StrEnum):
    PROVISION = "provision"  # create the meeting room and its dial-outs ahead
    DIAL = "dial"  # call a point now, hang it up
    LIVE_STATUS = "live_status"  # who is connected, now
    HISTORY = "history"  # who was connected, when, and why they left
    END = "end"  # end the meeting for everyone
    RECORDINGS = "recordings"  # lists the meeting's recording files (Decree 154 Art. 24)


class ErrorKind(StrEnum):
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    AUTH = "auth"
    RATE_LIMITED = "rate_limited"
    REJECTED = "rejected"
    SERVER = "server"


class ConferenceError(Exception):
    def __init__(self, kind: ErrorKind, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else str(kind))
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class Endpoint:
    """A bridge point as the platform sees it."""

    code: str
    name: str
    address: str  # SIP URI or H.323 address the platform dials
    host: bool = False  # the provincial host point chairs the meeting


@dataclass(frozen=True)
class Meeting:
    """What a session asks for: a room, its PINs and the points to dial out to."""

    name: str  # unique per session: the platform's key for idempotence
    alias: str  # what is dialled to join
    description: str
    host_pin: str
    guest_pin: str
    endpoints: tuple[Endpoint, ...]


@dataclass(frozen=True)
class JoinInfo:
    alias: str
    pin: str
    role: str


@dataclass
class Provisioned:
    reference: str  # the platform's reference of the room
    created: bool  # False: it existed already (provisioning twice changes nothing)
    dial_outs: dict[str, str] = field(default_factory=dict)  # endpoint address -> reference


@dataclass(frozen=True)
class LiveParticipant:
    reference: str
    address: str
    display_name: str
    role: str
    connected_at: datetime.datetime | None


@dataclass(frozen=True)
class LiveStatus:
    started: bool
    started_at: datetime.datetime | None
    participants: tuple[LiveParticipant, ...]


@dataclass(frozen=True)
class CallRecord:
    address: str
    display_name: str
    connected_at: datetime.datetime | None
    disconnected_at: datetime.datetime | None
    reason: str


@dataclass(frozen=True)
class SessionRecord:
    started_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    calls: tuple[CallRecord, ...]


@dataclass(frozen=True)
class RecordingFile:
    """A recording file of the meeting, as the platform describes it: its name, a local
    path when the platform wrote it to a directory the system reads (Jibri), or
    `chunks` to download it; the size and SHA-256 when the platform gives them."""

    name: str
    path: str = ""
    chunks: Callable[[], Iterable[bytes]] | None = None
    size: int | None = None
    sha256: str = ""
    media_type: str = ""
    started_at: datetime.datetime | None = None
    ended_at: datetime.datetime | None = None
    duration_seconds: int | None = None
    reference: str = ""  # the platform's own name of the file


class ConferenceBackend:
    """The interface; backends implement what their capabilities say."""

    name: str = ""
    capabilities: frozenset[Capability] = frozenset()

    def health(self) -> str:
        """A short description of the platform when reachable; raises otherwise."""
        raise NotImplementedError

    def provision(self, meeting: Meeting) -> Provisioned:
        """Create or bring up to date the room of `meeting`: idempotent."""
        raise NotImplementedError

    def teardown(self, meeting: Meeting) -> None:
        raise NotImplementedError

    def join_info(self, meeting: Meeting, endpoint: Endpoint) -> JoinInfo:
        return JoinInfo(
            alias=meeting.alias,
            pin=meeting.host_pin if endpoint.host else meeting.guest_pin,
            role="chair" if endpoint.host else "guest",
        )

    def dial(self, meeting: Meeting, endpoint: Endpoint) -> str:
        raise NotImplementedError

    def hang_up(self, meeting: Meeting, participant_reference: str) -> None:
        raise NotImplementedError

    def end(self, meeting: Meeting) -> None:
        raise NotImplementedError

    def live_status(self, meeting: Meeting) -> LiveStatus:
        raise NotImplementedError

    def session_record(self, meeting: Meeting) -> SessionRecord:
        raise NotImplementedError

    def recordings(self, meeting: Meeting) -> tuple[RecordingFile, ...]:
        """The meeting's recording files the platform offers (RECORDINGS capability);
        none by default: most record elsewhere, and the Board registers the file."""
        return ()
