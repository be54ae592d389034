"""The schedule as feeds others read: an iCalendar file (RFC 5545, for calendar apps)
and a JSON document (for the province's portal and anyone else). Both carry exactly
what the schedule page shows, from the same `PublicSession`s."""

import datetime
import hashlib
import json

import icalendar
from django.conf import settings

from ..core.site_profile import site_profile
from .schedule import PublicSession, Status

# Bumped when the JSON document's shape changes (README, "Lịch tiếp công dân").
JSON_VERSION = 1
# A calendar app keeps each session by its UID: never change how it is made.
UID_FORMAT = "reception-session-{pk}@tcd-{province}"


def session_uid(session: PublicSession) -> str:
    return UID_FORMAT.format(pk=session.pk, province=site_profile().province_code)


def summary(session: PublicSession) -> str:
    """The line a calendar shows."""
    words = f"Chủ tịch {site_profile().committee_short} tiếp công dân – {session.kind_label}"
    if session.status == Status.CANCELLED:
        return f"[Hủy] {words}"
    if session.status == Status.POSTPONED:
        return f"[Hoãn] {words}"
    return words


def description(session: PublicSession) -> str:
    lines = [
        f"Hình thức: {session.form_label}",
        f"Điểm cầu trung tâm: {session.host_point}",
    ]
    if session.rooms:
        lines.append("Điểm cầu tham gia: " + "; ".join(session.rooms))
    lines.append(f"Chủ trì: {session.presiding}")
    if session.change_note:
        lines.append(session.change_note)
    return "\n".join(lines)


def ics_calendar(sessions: list[PublicSession], *, link) -> bytes:
    """The calendar of `sessions`; `link(session)` gives each one's page address. A
    cancelled session stays with STATUS:CANCELLED so that calendars remove it; a
    postponed one awaiting its date is TENTATIVE on the day it was announced for."""
    profile = site_profile()
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{profile.board}//Lich tiep cong dan//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Lịch tiếp công dân – {profile.committee_short}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", session.updated.astimezone(datetime.UTC))
        event.add("last-modified", session.updated.astimezone(datetime.UTC))
        event.add("sequence", session.changes)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", summary(session))
        event.add("location", session.host_point)
        event.add("description", description(session))
        event.add("url", link(session))
        event.add("status", _ics_status(session))
        calendar.add_component(event)
    if sessions:
        first = min(s.starts_at for s in sessions).date()
        calendar.add_missing_timezones(first_date=first - datetime.timedelta(days=1))
    return calendar.to_ical()


def _ics_status(session: PublicSession) -> str:
    if session.status == Status.CANCELLED:
        return "CANCELLED"
    if session.status == Status.POSTPONED and session.new_date_pending:
        return "TENTATIVE"
    return "CONFIRMED"


def json_document(sessions: list[PublicSession], *, link, generated: datetime.datetime) -> bytes:
    """The schedule as JSON (its shape in the README). Dates are ISO 8601; times carry
    the site's offset (+07:00)."""
    profile = site_profile()
    document = {
        "version": JSON_VERSION,
        "publisher": profile.board,
        "timezone": settings.TIME_ZONE,
        "updated_at": generated.isoformat(timespec="seconds"),
        "sessions": [_json_session(s, link) for s in sessions],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _json_session(session: PublicSession, link) -> dict:
    return {
        "id": session_uid(session),
        "url": link(session),
        "date": session.date.isoformat(),
        "weekday": session.weekday,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "hours": [
            {"start": f"{w.start:%H:%M}", "end": f"{w.end:%H:%M}", "form": w.form}
            for w in session.windows
        ],
        "kind": session.kind,
        "kind_label": session.kind_label,
        "form": session.form,
        "form_label": session.form_label,
        "status": session.status,
        "status_label": session.status_label,
        "reason": session.reason or None,
        "postponed_from": session.postponed_from.isoformat() if session.postponed_from else None,
        "new_date_pending": session.new_date_pending,
        "host_point": session.host_point,
        "rooms": list(session.rooms),
        "presiding": session.presiding,
        "note": session.change_note or None,
        "updated_at": session.updated.isoformat(timespec="seconds"),
    }


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
