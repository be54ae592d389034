"""Pexip Infinity as the conference backend: a Virtual Meeting Room per session with
its alias and PINs, and an automatic participant (dial-out) per participating bridge
point, provisioned well ahead (changes take about 90 s to reach the conferencing
nodes); live status, history, dial and disconnect through the Management API."""

import datetime

from ..base import (
    CallRecord,
    Capability,
    ConferenceBackend,
    Endpoint,
    LiveParticipant,
    LiveStatus,
    Meeting,
    Provisioned,
    SessionRecord,
)
from . import client as api


def _time(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _protocol(address: str) -> str:
    return "h323" if address.lower().startswith("h323:") else "sip"


class PexipBackend(ConferenceBackend):
    name = "pexip"
    # Pexip Infinity keeps no recordings: a meeting is recorded by a recorder or
    # streaming service dialled in as a participant, which stores the file itself.
    # Neither the Management API (configuration, status, history, command) nor the
    # fake (fake.py) has a resource listing recording files, so `recordings()` is the
    # interface's empty answer and the Board registers the recorder's file.
    capabilities = frozenset(Capability) - {Capability.RECORDINGS}

    def __init__(self, client: api.PexipClient):
        self.client = client

    def health(self) -> str:
        rows = self.client.list(api.LICENCE)
        return f"Pexip Infinity: kết nối được ({len(rows)} bản ghi giấy phép)"

    # -- the room -----------------------------------------------------------------
    def _room(self, meeting: Meeting) -> dict | None:
        rows = self.client.list(api.CONFERENCE, name=meeting.name)
        return rows[0] if rows else None

    def provision(self, meeting: Meeting) -> Provisioned:
        room = self._room(meeting)
        wanted = {
            "name": meeting.name,
            "service_type": "conference",
            "description": meeting.description,
            "pin": meeting.host_pin,
            "guest_pin": meeting.guest_pin,
            "allow_guests": True,
            "aliases": [{"alias": meeting.alias}],
            "tag": "tiep-cong-dan",
        }
        if room is None:
            uri = self.client.create(api.CONFERENCE, wanted)
            created = True
        else:
            uri = room["resource_uri"]
            created = False
            current = {k: room.get(k) for k in ("description", "guest_pin", "allow_guests")}
            aliases = [a.get("alias") for a in room.get("aliases", [])]
            if current != {k: wanted[k] for k in current} or aliases != [meeting.alias]:
                self.client.patch(uri, {k: v for k, v in wanted.items() if k != "name"})
        return Provisioned(reference=uri, created=created, dial_outs=self._dial_outs(uri, meeting))

    def _dial_outs(self, room_uri: str, meeting: Meeting) -> dict[str, str]:
        """One automatic participant per endpoint: missing ones created, stale removed."""
        existing = {
            row["alias"]: row
            for row in self.client.list(api.AUTOMATIC_PARTICIPANT, conference=room_uri)
        }
        result = {}
        for endpoint in meeting.endpoints:
            if not endpoint.address:
                continue
            row = existing.pop(endpoint.address, None)
            if row is None:
                result[endpoint.address] = self.client.create(
                    api.AUTOMATIC_PARTICIPANT,
                    {
                        "alias": endpoint.address,
                        "conference": [room_uri],
                        "description": endpoint.name,
                        "protocol": _protocol(endpoint.address),
                        "call_type": "video",
                        "role": "chair" if endpoint.host else "guest",
                        "routing": "auto",
                        "keep_conference_alive": "keep_conference_alive_never",
                        "remote_display_name": endpoint.name,
                    },
                )
            else:
                result[endpoint.address] = row["resource_uri"]
        for stale in existing.values():
            self.client.delete(stale["resource_uri"])
        return result

    def teardown(self, meeting: Meeting) -> None:
        room = self._room(meeting)
        if room is None:
            return
        for row in self.client.list(api.AUTOMATIC_PARTICIPANT, conference=room["resource_uri"]):
            self.client.delete(row["resource_uri"])
        self.client.delete(room["resource_uri"])

    # -- the call -------------------------------------------------------------------
    def dial(self, meeting: Meeting, endpoint: Endpoint) -> str:
        data = self.client.command(
            api.DIAL,
            {
                "conference_alias": meeting.alias,
                "destination": endpoint.address,
                "protocol": _protocol(endpoint.address),
                "role": "chair" if endpoint.host else "guest",
                "routing": "manual",
                "remote_display_name": endpoint.name,
            },
        )
        return data.get("participant_id", "")

    def hang_up(self, meeting: Meeting, participant_reference: str) -> None:
        self.client.command(api.DISCONNECT_PARTICIPANT, {"participant_id": participant_reference})

    def end(self, meeting: Meeting) -> None:
        live = self.client.list(api.STATUS_CONFERENCE, name=meeting.name)
        if live:
            self.client.command(api.DISCONNECT_CONFERENCE, {"conference_id": live[0]["id"]})

    def live_status(self, meeting: Meeting) -> LiveStatus:
        live = self.client.list(api.STATUS_CONFERENCE, name=meeting.name)
        if not live:
            return LiveStatus(started=False, started_at=None, participants=())
        rows = self.client.list(api.STATUS_PARTICIPANT, conference=meeting.name)
        return LiveStatus(
            started=bool(live[0].get("is_started")),
            started_at=_time(live[0].get("start_time")),
            participants=tuple(
                LiveParticipant(
                    reference=row["id"],
                    address=row.get("destination_alias") or row.get("source_alias", ""),
                    display_name=row.get("display_name", ""),
                    role=row.get("role", ""),
                    connected_at=_time(row.get("connect_time")),
                )
                for row in rows
            ),
        )

    def session_record(self, meeting: Meeting) -> SessionRecord:
        """The latest instance of the room in the history: start, end, every call."""
        history = self.client.list(api.HISTORY_CONFERENCE, name=meeting.name)
        if not history:
            return SessionRecord(started_at=None, ended_at=None, calls=())
        last = max(history, key=lambda row: row.get("start_time") or "")
        calls = self.client.list(api.HISTORY_PARTICIPANT, conference=last["resource_uri"])
        return SessionRecord(
            started_at=_time(last.get("start_time")),
            ended_at=_time(last.get("end_time")),
            calls=tuple(
                CallRecord(
                    address=row.get("remote_alias", ""),
                    display_name=row.get("display_name", ""),
                    connected_at=_time(row.get("start_time")),
                    disconnected_at=_time(row.get("end_time")),
                    reason=row.get("disconnect_reason", ""),
                )
                for row in sorted(calls, key=lambda r: r.get("start_time") or "")
            ),
        )
