"""The Pexip Infinity Management API as this system uses it: the whole contract in one
module (paths, payloads, envelopes, errors), shared by the backend and checked by the
tests against the fake (and, with TCD_PEXIP_TEST_URL, against a real node).

- Base: https://<management node>/api/admin/, trailing slashes required.
- Auth: HTTP Basic, or OAuth2 client credentials (token from /oauth/token/).
- Lists come in a Tastypie envelope {"meta": {...}, "objects": [...]}; foreign keys
  are resource URIs; POST answers 201 with a Location header; PATCH 202; DELETE 204;
  commands answer 202 {"status": "success", "data": {...}}.
- Rate limit: 1 000 requests a minute per management node: 429 with Retry-After.
"""

import time
from dataclasses import dataclass

import requests

from ..base import ConferenceError, ErrorKind

API = "/api/admin/"
CONFERENCE = "configuration/v1/conference/"
AUTOMATIC_PARTICIPANT = "configuration/v1/automatic_participant/"
STATUS_CONFERENCE = "status/v1/conference/"
STATUS_PARTICIPANT = "status/v1/participant/"
HISTORY_CONFERENCE = "history/v1/conference/"
HISTORY_PARTICIPANT = "history/v1/participant/"
DIAL = "command/v1/participant/dial/"
DISCONNECT_PARTICIPANT = "command/v1/participant/disconnect/"
DISCONNECT_CONFERENCE = "command/v1/conference/disconnect/"
LICENCE = "status/v1/licensing/"


@dataclass(frozen=True)
class PexipSettings:
    url: str  # https://pexip-mgr.example
    username: str = ""
    password: str = ""
    client_id: str = ""  # OAuth2 client credentials, when configured instead of Basic
    client_secret: str = ""
    timeout: float = 10.0
    retries: int = 3
    verify_tls: bool = True


class PexipClient:
    def __init__(self, settings: PexipSettings, session: requests.Session | None = None):
        self.settings = settings
        self.http = session or requests.Session()
        self.http.verify = settings.verify_tls
        self._token: tuple[str, float] | None = None

    # -- transport ----------------------------------------------------------------
    def _auth(self) -> dict:
        if not self.settings.client_id:
            return {"auth": (self.settings.username, self.settings.password)}
        if self._token is None or self._token[1] < time.monotonic():
            response = self._send(
                "POST",
                self.settings.url.rstrip("/") + "/oauth/token/",
                data={
                    "grant_type": "client_credentials",
                    "client_id": self.settings.client_id,
                    "client_secret": self.settings.client_secret,
                },
            )
            if response.status_code in (400, 401, 403):
                raise ConferenceError(ErrorKind.AUTH, f"token: HTTP {response.status_code}")
            if response.status_code >= 300:
                raise ConferenceError(ErrorKind.SERVER, f"token: HTTP {response.status_code}")
            body = response.json()
            expires = time.monotonic() + body.get("expires_in", 300) - 30
            self._token = (body["access_token"], expires)
        return {"headers": {"Authorization": f"Bearer {self._token[0]}"}}

    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        try:
            return self.http.request(method, url, timeout=self.settings.timeout, **kwargs)
        except requests.Timeout as exc:
            raise ConferenceError(ErrorKind.TIMEOUT, str(exc)) from exc
        except requests.ConnectionError as exc:
            raise ConferenceError(ErrorKind.UNREACHABLE, str(exc)) from exc

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """One call, retried on 429 (after Retry-After), 5xx and timeouts with back-off;
        a failure that persists is raised as ConferenceError."""
        url = self.settings.url.rstrip("/") + API + path
        last: ConferenceError | None = None
        for attempt in range(self.settings.retries + 1):
            try:
                response = self._send(method, url, **self._auth(), **kwargs)
            except ConferenceError as exc:
                if exc.kind == ErrorKind.UNREACHABLE:
                    raise
                last = exc
            else:
                if response.status_code in (401, 403):
                    raise ConferenceError(ErrorKind.AUTH, f"HTTP {response.status_code}")
                if response.status_code == 429:
                    last = ConferenceError(ErrorKind.RATE_LIMITED, "HTTP 429")
                    time.sleep(min(float(response.headers.get("Retry-After", 1)), 10))
                    continue
                if response.status_code >= 500:
                    last = ConferenceError(ErrorKind.SERVER, f"HTTP {response.status_code}")
                elif response.status_code >= 400:
                    raise ConferenceError(ErrorKind.REJECTED, response.text[:500])
                else:
                    return response
            time.sleep(min(0.2 * 2**attempt, 2))
        raise last

    # -- resources ----------------------------------------------------------------
    def list(self, path: str, **filters) -> list[dict]:
        """Every object matching `filters`, following the envelope's pages."""
        params = {"limit": 500, **filters}
        objects, offset = [], 0
        while True:
            body = self.request("GET", path, params={**params, "offset": offset}).json()
            objects += body["objects"]
            if not body["meta"].get("next"):
                return objects
            offset += len(body["objects"])

    def create(self, path: str, payload: dict) -> str:
        """POST; returns the new object's resource URI (the Location header)."""
        response = self.request("POST", path, json=payload)
        location = response.headers.get("Location", "")
        return location[location.index(API) :] if API in location else location

    def patch(self, resource_uri: str, payload: dict) -> None:
        self.request("PATCH", _relative(resource_uri), json=payload)

    def delete(self, resource_uri: str) -> None:
        self.request("DELETE", _relative(resource_uri))

    def command(self, path: str, payload: dict) -> dict:
        body = self.request("POST", path, json=payload).json()
        if body.get("status") != "success":
            raise ConferenceError(ErrorKind.REJECTED, str(body)[:500])
        return body.get("data") or {}


def _relative(resource_uri: str) -> str:
    return (
        resource_uri[resource_uri.index(API) + len(API) :] if API in resource_uri else resource_uri
    )
