"""Jitsi Meet, for provinces without Pexip: a room per session, and a signed link per
point (token authentication, HS256 JWT with the deployment's app id and secret): the
host point joins as moderator. Jitsi creates rooms on first join, so there is nothing
to provision; nor does it report status here.

Settings: TCD_JITSI_DOMAIN, TCD_JITSI_APP_ID, TCD_JITSI_APP_SECRET."""

import datetime

import jwt
from django.conf import settings

from .base import ConferenceBackend, Endpoint, JoinInfo, Meeting, Provisioned

LINK_HOURS = 12  # a link is good for the session's day


class JitsiBackend(ConferenceBackend):
    name = "jitsi"
    capabilities = frozenset()

    def __init__(self, domain: str, app_id: str, secret: str):
        self.domain, self.app_id, self.secret = domain, app_id, secret

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
        settings.TCD_JITSI_DOMAIN, settings.TCD_JITSI_APP_ID, settings.TCD_JITSI_APP_SECRET
    )
