"""Which backend serves a session, from its platform and the site's settings:

- ``TCD_PEXIP_URL`` (and ``TCD_PEXIP_USER`` / ``TCD_PEXIP_PASSWORD``, or
  ``TCD_PEXIP_CLIENT_ID`` / ``TCD_PEXIP_CLIENT_SECRET``): the Pexip management node;
- ``TCD_CONFERENCE_DOMAIN``: the SIP domain of the rooms' aliases;
- ``TCD_JITSI_DOMAIN``, ``TCD_JITSI_APP_ID``, ``TCD_JITSI_APP_SECRET``: a Jitsi Meet
  deployment with token authentication, for provinces without Pexip.
"""

from django.conf import settings

from .base import ConferenceBackend
from .manual import ManualBackend


def pexip_backend() -> ConferenceBackend:
    from .pexip.backend import PexipBackend
    from .pexip.client import PexipClient, PexipSettings

    return PexipBackend(
        PexipClient(
            PexipSettings(
                url=settings.TCD_PEXIP_URL,
                username=settings.TCD_PEXIP_USER,
                password=settings.TCD_PEXIP_PASSWORD,
                client_id=settings.TCD_PEXIP_CLIENT_ID,
                client_secret=settings.TCD_PEXIP_CLIENT_SECRET,
            )
        )
    )


class NotConfigured(Exception):
    """The session is on Pexip but the site has no Pexip management node set."""


def backend_for(platform: str) -> ConferenceBackend:
    if platform == "pexip":
        if not settings.TCD_PEXIP_URL:
            raise NotConfigured("TCD_PEXIP_URL")
        return pexip_backend()
    if platform == "jitsi":
        from .jitsi import jitsi_backend

        backend = jitsi_backend()
        if backend is None:
            raise NotConfigured("TCD_JITSI_DOMAIN")
        return backend
    return ManualBackend()  # Vmeeting: by hand
