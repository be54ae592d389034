"""Jitsi Meet, for provinces without Pexip: a room per session, and a signed link per
point (token authentication, HS256 JWT with the deployment's app id and secret): the
host point joins as moderator. Jitsi creates rooms on first join, so there is nothing
to provision; nor does it report status here.

Recordings: Jibri writes each recording into a directory of its own below its
recordings directory (jibri.conf `recordings-directory`), the file named after the room
and the start time ("<room>_2026-03-16-14-02-11.mp4"). With TCD_JIBRI_RECORDINGS_DIR set
to that directory (mounted where the system runs), the meeting's files are listed from
it; Jibri gives no hash, so the system computes it.

Settings: TCD_JITSI_DOMAIN, TCD_JITSI_APP_ID, TCD_JITSI_APP_SECRET,
TCD_JIBRI_RECORDINGS_DIR."""

import datetime
import mimetypes
import re
from pathlib import Path

import jwt
from django.conf import settings

from .base import (
    Capability,
    ConferenceBackend,
    Endpoint,
    JoinInfo,
    Meeting,
    Provisioned,
    RecordingFile,
)

# "<room>_YYYY-MM-DD-HH-MM-SS.<ext>", Jibri's file name (the time is the server's, UTC).
JIBRI_NAME = re.compile(r"^(?P<room>.+)_(?P<at>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})\.\w+$")

LINK_HOURS = 12  # a link is good for the session's day


class JitsiBackend(ConferenceBackend):
    name = "jitsi"
    capabilities = frozenset()

    def __init__(self, domain: str, app_id: str, secret: str, recordings_dir: str = ""):
        self.domain, self.app_id, self.secret = domain, app_id, secret
        self.recordings_dir = recordings_dir
        if recordings_dir:
            self.capabilities = frozenset({Capability.RECORDINGS})

    def recordings(self, meeting: Meeting) -> tuple[RecordingFile, ...]:
        """The files Jibri wrote for this meeting's room, oldest first."""
        if not self.recordings_dir:
            return ()
        found = []
        room = meeting.name.lower()  # Jitsi names rooms in lower case
        for path in sorted(Path(self.recordings_dir).glob("*/*")):
            match = JIBRI_NAME.match(path.name)
            if not path.is_file() or not match or match["room"].lower() != room:
                continue
            started = datetime.datetime.strptime(match["at"], "%Y-%m-%d-%H-%M-%S")
            found.append(
                RecordingFile(
                    name=path.name,
                    path=str(path),
                    size=path.stat().st_size,
                    media_type=mimetypes.guess_type(path.name)[0] or "",
                    started_at=started.replace(tzinfo=datetime.UTC),
                    reference=f"{path.parent.name}/{path.name}",
                )
            )
        return tuple(sorted(found, key=lambda f: f.started_at))

    def health(self) -> str:
        return f"Jitsi Meet: {self.domain}"

    def provision(self, meeting: Meeting) -> Provisioned:
        return Provisioned(reference=f"https://{self.domain}/{meeting.name}", created=False)

    def teardown(self, meeting: Meeting) -> None:
        return None

    def token(self, meeting: Meeting, endpoint: Endpoint, now: datetime.datetime | None = None):
        now = now or datetime.datetime.now(datetime.UTC)
        claims = {
            "iss": self.app_id,
            "aud": "jitsi",
            "sub": self.domain,
            "room": meeting.name,
            "nbf": int((now - datetime.timedelta(minutes=5)).timestamp()),
            "exp": int((now + datetime.timedelta(hours=LINK_HOURS)).timestamp()),
            "moderator": endpoint.host,
            "context": {"user": {"name": endpoint.name, "moderator": endpoint.host}},
        }
        return jwt.encode(claims, self.secret, algorithm="HS256")

    def join_info(self, meeting: Meeting, endpoint: Endpoint) -> JoinInfo:
        link = f"https://{self.domain}/{meeting.name}?jwt={self.token(meeting, endpoint)}"
        return JoinInfo(alias=link, pin="", role="moderator" if endpoint.host else "guest")


def jitsi_backend() -> JitsiBackend | None:
    if not (settings.TCD_JITSI_DOMAIN and settings.TCD_JITSI_APP_SECRET):
        return None
    return JitsiBackend(
        settings.TCD_JITSI_DOMAIN,
        settings.TCD_JITSI_APP_ID,
        settings.TCD_JITSI_APP_SECRET,
        getattr(settings, "TCD_JIBRI_RECORDINGS_DIR", ""),
    )
