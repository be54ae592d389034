import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# "Số: 07/GM-BTCD": the Board's yearly register of invitation letters (Giấy mời).
INVITATION_SERIES = "GM-BTCD"


class SessionKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    AD_HOC = "ad_hoc", _("Ad hoc")
    CENTRAL_REQUEST = "central_request", _("At the central board's request")


class AdHocGround(models.TextChoices):
    """Law on Citizen Reception 2013 Art. 18(3)."""

    NONE = "", _("—")
    A = "a", _("Art. 18(3)(a): acute, many people, several agencies or diverging views")
    B = "b", _("Art. 18(3)(b): risk of serious harm")


class SessionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PLANNED = "planned", _("Planned (agenda set)")
    APPROVED = "approved", _("Approved by the Chairman")
    ANNOUNCED = "announced", _("Announced")
    TESTED = "tested", _("Connections tested")
    CONNECTED = "connected", _("All points connected")
    IN_PERSON = "in_person", _("Held in person at the Reception Office")
    IN_PROGRESS = "in_progress", _("In progress")
    HELD = "held", _("Held")
    CLOSED = "closed", _("Closed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# Named sets of states, one definition each, used wherever a session is asked about.
# Held: the hearings took place (counted in reports, a notice may conclude them).
HELD_SESSION_STATES = frozenset({SessionState.HELD, SessionState.CLOSED})
# Open: not yet held nor cancelled; its agenda still holds its cases.
OPEN_SESSION_STATES = frozenset(SessionState) - HELD_SESSION_STATES - {SessionState.CANCELLED}
# Not booking rooms: a draft, a postponed or a cancelled session holds no bridge point.
NOT_BOOKING_STATES = frozenset({SessionState.DRAFT, SessionState.POSTPONED, SessionState.CANCELLED})


# Decree 154/2026 Art. 23: notice at least 5 working days before; a successful test
# connection at least 1 working day before; every point connected 1 hour before.
NOTICE_WORKING_DAYS = 5
TEST_WORKING_DAYS = 1
CONNECT_HOURS_BEFORE = 1
# A test older than this no longer proves a point ready.
TEST_VALID_DAYS = 10
# "Connected" is a fact of the last hour: a point seen connected (or tested, or
# confirmed by the technician there) longer ago proves nothing about the session.
CONNECTION_EVIDENCE_HOURS = 1


class ConnectionSource(models.TextChoices):
    """How a point's connection to the session's meeting is known."""

    PLATFORM = "platform", _("Seen connected by the platform")
    TECHNICIAN = "technician", _("Confirmed by the technician")


class HearingMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


DEFAULT_ONLINE_START = datetime.time(14, 0)
DEFAULT_ONLINE_END = datetime.time(17, 0)
# In-person hearings are in the morning at the Reception Office (scheme III.3.2.b).
DEFAULT_IN_PERSON_START = datetime.time(8, 0)
DEFAULT_IN_PERSON_END = datetime.time(11, 30)
DEFAULT_SLOT_MINUTES = 12
DEFAULT_GROUP_SLOT_MINUTES = 20
DEFAULT_GAP_MINUTES = 3
# Scheme V.1.2 and V.1.3: the agencies concerned prepare each case's content, dossier
# and documents before the hearing; the Board asks for them this many working days
# before the session unless the session says otherwise.
DEFAULT_DOSSIER_WORKING_DAYS = 3
# The scheme: the Chairman hears 12-15 citizens a day.
DEFAULT_CAPACITY = 15


class InviteeKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    COMMUNE = "commune", _("Commune People's Committee")
    AGENCY = "agency", _("Agency concerned")
    CENTRAL = "central", _("Central Citizen Reception Board")
