"""Decree 154/2026 Art. 23: "every point connected at least one hour before the start"
as a fact, not a claim. Which fact depends on the session's platform:

- a platform that reports who is connected (Pexip): each participating point (the host,
  the central board's, every commune room of an online hearing) seen connected by the
  platform, or a successful test call (sound and picture), in the last hour;
- a platform run by hand (Vmeeting, Jitsi, a site without Pexip configured): the
  technician's confirmation per point, who and when kept.

The rule `points_connected` of the session's "connect" step reads only what is
recorded (PointConnection, ConnectionTest); the platform is asked when someone looks
(the meeting page, the API's check), never inside the step's transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..doctype.bridge_point.constants import TestResult
from ..doctype.bridge_point.models import BridgePoint, ConnectionTest
from ..doctype.reception_session.constants import CONNECTION_EVIDENCE_HOURS, ConnectionSource
from ..doctype.reception_session.models import PointConnection, ReceptionSession
from ..workflow.registry import condition
from .backends import NotConfigured, backend_for
from .base import Capability
from .services import meeting_for

SIGHTING_INTERVAL = datetime.timedelta(minutes=5)
# The session states in which points are connected for it (from the tests to the end).
CONNECTING_STATES = ("announced", "tested", "connected", "in_progress")


def reports_live_status(session: ReceptionSession) -> bool:
    """Whether the session's platform, as this site is configured, says who is
    connected; otherwise the room is run by hand and the technician confirms."""
    try:
        backend = backend_for(session.conference_platform or "pexip")
    except NotConfigured:
        return False
    return Capability.LIVE_STATUS in backend.capabilities


def _window(at: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    return at - datetime.timedelta(hours=CONNECTION_EVIDENCE_HOURS), at


def connection_evidence(
    session: ReceptionSession, points: list, at: datetime.datetime, live: bool
) -> dict[int, datetime.datetime]:
    """Point id -> the latest moment within the hour before `at` it is known connected
    (the kind of proof `live` asks for), for the points that are."""
    since, until = _window(at)
    source = ConnectionSource.PLATFORM if live else ConnectionSource.TECHNICIAN
    rows = PointConnection.objects.filter(
        session=session,
        bridge_point__in=[p.pk for p in points],
        source=source,
        at__gte=since,
        at__lte=until,
    ).values_list("bridge_point_id", "at")
    found: dict[int, datetime.datetime] = {}
    for point_id, when in rows:
        found[point_id] = max(when, found.get(point_id, when))
    if live:  # a test call just made proves the line as well as the platform does
        tests = ConnectionTest.objects.filter(
            bridge_point__in=[p.pk for p in points],
            tested_at__gte=since,
            tested_at__lte=until,
            result=TestResult.SUCCESS,
            audio_ok=True,
            video_ok=True,
        ).values_list("bridge_point_id", "tested_at")
        for point_id, when in tests:
            found[point_id] = max(when, found.get(point_id, when))
    return found


@condition(
    "reception_session",
    "points_connected",
    gettext_lazy("Every participating point seen connected in the last hour (Art. 23)"),
)
def points_connected(ctx):
    session = ctx.doc
    points = session.participant_points()
    if not points:
        return _("The session has no host or participating bridge point to connect.")
    if ctx.today != session.date:  # connected for a session weeks away proves nothing
        return _("The points are connected on the session's day (%(date)s).") % {
            "date": session.date.strftime("%d/%m/%Y")
        }
    live = reports_live_status(session)
    known = connection_evidence(session, points, ctx.at, live)
    missing = [p.name for p in points if p.pk not in known]
    if not missing:
        return None
    if live:
        return _(
            "Not seen connected by the platform (nor tested successfully) in the last "
            "%(hours)s hour: %(list)s."
        ) % {"hours": CONNECTION_EVIDENCE_HOURS, "list": ", ".join(missing)}
    return _("Not confirmed connected by the technician in the last %(hours)s hour: %(list)s.") % {
        "hours": CONNECTION_EVIDENCE_HOURS,
        "list": ", ".join(missing),
    }


class ConnectionRefused(ValidationError):
    pass


def _participant(session: ReceptionSession, point: BridgePoint) -> BridgePoint:
    if point.pk not in {p.pk for p in session.participant_points()}:
        raise ConnectionRefused(
            _("%(point)s is not a bridge point of this session.") % {"point": point.name},
            code="not_a_session_point",
        )
    return point


@transaction.atomic
def confirm_point_connected(
    session: ReceptionSession, point: BridgePoint, *, by, at: datetime.datetime | None = None
) -> PointConnection:
    """The technician's word that `point` is connected to the session's meeting, sound
    and picture both ways (a platform run by hand). Kept with who and when."""
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    if session.state not in CONNECTING_STATES:
        raise ConnectionRefused(
            _("Points are connected for a session announced and not yet held."),
            code="not_connecting",
        )
    if reports_live_status(session):
        raise ConnectionRefused(
            _(
                "The session's platform reports who is connected: check the points on the "
                "meeting page instead of confirming them by hand."
            ),
            code="platform_reports",
        )
    _participant(session, point)
    when = at or timezone.now()
    if when > timezone.now() + datetime.timedelta(minutes=1):
        raise ConnectionRefused(_("A connection cannot be confirmed ahead of time."), code="future")
    return PointConnection.objects.create(
        session=session,
        bridge_point=point,
        source=ConnectionSource.TECHNICIAN,
        at=when,
        by=by,
    )


def record_seen_connected(session: ReceptionSession, live, at: datetime.datetime | None = None):
    """Keep which of the session's points the platform's live status shows connected
    (matched by dial address); returns the rows written."""
    when = at or timezone.now()
    addresses = {p.address for p in live.participants}
    # A page looked at every few seconds keeps one row per point every few minutes.
    recent = set(
        PointConnection.objects.filter(
            session=session,
            source=ConnectionSource.PLATFORM,
            at__gt=when - SIGHTING_INTERVAL,
            at__lte=when,
        ).values_list("bridge_point_id", flat=True)
    )
    rows = [
        PointConnection(session=session, bridge_point=p, source=ConnectionSource.PLATFORM, at=when)
        for p in session.participant_points()
        if p.dial_address and p.dial_address in addresses and p.pk not in recent
    ]
    return PointConnection.objects.bulk_create(rows)


def check_connections(session: ReceptionSession) -> list[PointConnection]:
    """Ask the platform who is connected now and keep it. Raises ConferenceError (the
    platform failed) or ConnectionRefused (it cannot say)."""
    if not reports_live_status(session) or not session.conference_reference:
        raise ConnectionRefused(
            _("The session's platform cannot say who is connected: the technician confirms."),
            code="platform_silent",
        )
    backend = backend_for(session.conference_platform or "pexip")
    return record_seen_connected(session, backend.live_status(meeting_for(session)))


def latest_connections(session: ReceptionSession) -> dict[int, PointConnection]:
    """Point id -> its latest recorded connection to the session's meeting (any source)."""
    latest: dict[int, PointConnection] = {}
    for row in PointConnection.objects.filter(session=session).select_related("by"):
        if row.bridge_point_id not in latest or row.at > latest[row.bridge_point_id].at:
            latest[row.bridge_point_id] = row
    return latest
