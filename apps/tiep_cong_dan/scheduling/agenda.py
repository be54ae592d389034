"""A session's agenda from the queue: order, mode, slot, bridge point, invitees.

Online hearings run in the session's window (14:00-17:00 by default) from the
bridge point of the commune where the citizen lives today; in-person hearings run
in the morning at the Reception Office; when nobody is heard online, the afternoon
is in person (scheme III.3.2). A slot is longer for a group delegation."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .. import workflow
from ..doctype.admin_unit.models import AdministrativeUnit, UnitSuccession
from ..doctype.admin_unit.services import current_unit_for
from ..doctype.agency.constants import AgencyKind
from ..doctype.agency.models import Agency
from ..doctype.bridge_point.constants import PointLevel, TestResult
from ..doctype.bridge_point.models import BridgePoint, ConnectionTest
from ..doctype.bridge_point.services import primary_point_for
from ..doctype.petition.models import Petition
from ..doctype.reception_session.constants import NOT_BOOKING_STATES, TEST_VALID_DAYS, HearingMode
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from .queue import queue

EDITABLE_AGENDA_STATES = ("draft",)


def _minutes(t: datetime.time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> datetime.time:
    return datetime.time(minutes // 60, minutes % 60)


def hears_online(petition: Petition) -> bool:
    """Consent, or a chairman's proposal for an ad hoc case, and a basis (scheme III.2)."""
    return bool(petition.eligibility_basis) and (
        petition.citizen_consent or bool(petition.chairman_proposal)
    )


def citizen_point(petition: Petition) -> BridgePoint | None:
    """The point of the commune the citizen lives in today: an address recorded under
    earlier units is mapped along the successions (2024-12-01, then 2025-07-01) to the
    commune that holds it today."""
    return primary_point_for(current_unit_for(petition.residence_unit))


@dataclass
class Slotter:
    """Hands out consecutive slots inside a window."""

    start: int
    end: int
    gap: int

    def take(self, length: int) -> tuple[datetime.time, datetime.time] | None:
        if self.start + length > self.end:
            return None
        slot = (_time(self.start), _time(self.start + length))
        self.start += length + self.gap
        return slot


def _committee_of(unit) -> Agency | None:
    return Agency.objects.filter(
        unit=unit, kind__in=[AgencyKind.COMMUNE_COMMITTEE, AgencyKind.DISTRICT_COMMITTEE]
    ).first()


class PointFinder:
    """citizen_point for many petitions at once: the province's commune points read in
    one query, the successions of units no longer in force in one more (only when
    such a unit turns up), instead of two or three queries per hearing."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self._points: dict[int, BridgePoint] | None = None
        self._successions: dict[int, AdministrativeUnit] | None = None

    def point_for(self, petition: Petition) -> BridgePoint | None:
        if self._points is None:
            self._points = {}
            commune_points = BridgePoint.objects.filter(
                active=True, level=PointLevel.COMMUNE, unit__isnull=False
            ).select_related("unit")
            for point in commune_points.order_by("-code"):  # the first by code wins
                self._points[point.unit_id] = point
        return self._points.get(self._current(petition.residence_unit).pk)

    def _current(self, unit: AdministrativeUnit) -> AdministrativeUnit:
        if unit.valid_to is None or unit.valid_to >= self.today:
            return unit
        if self._successions is None:
            self._successions = {}
            rows = UnitSuccession.objects.select_related("new_unit").order_by(
                "old_unit_id", "-whole", "-main", "new_unit__code"
            )
            for row in rows:
                self._successions.setdefault(row.old_unit_id, row.new_unit)
        seen = {unit.pk}
        while unit.valid_to is not None and unit.valid_to < self.today:
            following = self._successions.get(unit.pk)
            if following is None or following.pk in seen:
                break
            seen.add(following.pk)
            unit = following
        return unit


@transaction.atomic
def build_agenda(session: ReceptionSession, *, by=None, petitions=None) -> list[AgendaItem]:
    """Fill a draft session's agenda from the front of the queue (or from `petitions`,
    for an ad hoc session), up to its capacity and its hours. Online hearings get their
    commune's point and invite its chairman; the agencies concerned are invited.
    Returns the items added. The queries do not grow with the hearings: points,
    successions and agencies are read in bulk, the items and their history written
    in one insert each."""
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    if session.state not in EDITABLE_AGENDA_STATES:
        raise ValidationError(
            _("The agenda can be built only while the session is a draft."), code="not_draft"
        )
    taken = session.agenda_items.count()
    online = Slotter(_minutes(session.start_time), _minutes(session.end_time), session.gap_minutes)
    morning = Slotter(
        _minutes(session.in_person_start), _minutes(session.in_person_end), session.gap_minutes
    )
    for item in session.agenda_items.exclude(slot_end=None):
        window = online if item.mode == HearingMode.ONLINE else morning
        window.start = max(window.start, _minutes(item.slot_end) + session.gap_minutes)
    added: list[AgendaItem] = []
    if petitions is None:
        petitions = queue(Petition.objects.filter(received_date__lte=session.date))
        petitions = petitions.select_related("residence_unit").iterator(chunk_size=200)
    finder = PointFinder()
    for petition in petitions:
        if taken + len(added) >= session.capacity:
            break
        length = session.group_slot_minutes if petition.is_group else session.slot_minutes
        point = finder.point_for(petition) if hears_online(petition) else None
        mode = HearingMode.ONLINE if point else HearingMode.IN_PERSON
        slot = (online if mode == HearingMode.ONLINE else morning).take(length)
        if slot is None:
            continue  # this window is full; a shorter case may still fit the other
        item = AgendaItem(
            session=session,
            position=taken + len(added) + 1,
            petition=petition,
            mode=mode,
            bridge_point=point,
            slot_start=slot[0],
            slot_end=slot[1],
            attendees=_("Chairman of the commune People's Committee and the petitioner")
            if point
            else "",
        )
        # The links were just read and the places are new: the field and uniqueness
        # checks would ask the database again for each; the constraints still hold.
        item.full_clean(
            exclude=["session", "petition", "bridge_point"],
            validate_unique=False,
            validate_constraints=False,
        )
        added.append(item)
    if not added:
        return added
    added = _save_items(added, by)
    session.invited_units.add(*{item.bridge_point.unit_id for item in added if item.bridge_point})
    concerned = Petition.agencies_concerned.through.objects.filter(
        petition_id__in=[item.petition_id for item in added], agency__active=True
    )
    session.invited_agencies.add(*set(concerned.values_list("agency_id", flat=True)))
    if not session.agenda_items.filter(mode=HearingMode.ONLINE).exists():
        dropped = _afternoon_in_person(session)
        added = [item for item in added if item.pk not in dropped]
        for item in added:
            item.refresh_from_db()
    if added:
        workflow.apply(
            session,
            "record_agenda",
            by=by,
            comment=_("%(count)s case(s) taken from the queue.") % {"count": len(added)},
        )
    return added


def _save_items(items: list[AgendaItem], by) -> list[AgendaItem]:
    """Insert the items and their history rows in bulk (the ids come back on MariaDB
    10.5+ and SQLite 3.35+; read back by place elsewhere)."""
    saved = bulk_create_with_history(items, AgendaItem, default_user=by)
    if all(item.pk for item in saved):
        return saved
    by_place = {
        i.position: i
        for i in AgendaItem.objects.filter(
            session=items[0].session, position__in=[i.position for i in items]
        )
    }
    for item in items:
        item.pk = by_place[item.position].pk
    return items


def _afternoon_in_person(session: ReceptionSession) -> set[int]:
    """Nobody online: the afternoon is in person at the Reception Office (III.3.2.b).
    The hearings move into the session's hours; those the afternoon cannot hold (the
    morning holds more) leave the agenda and stay in the queue, in their place: no one
    is invited for a time at or after the session's end. Returns the items removed."""
    session.in_person_start, session.in_person_end = session.start_time, session.end_time
    session.save(update_fields=["in_person_start", "in_person_end"])
    window = Slotter(_minutes(session.start_time), _minutes(session.end_time), session.gap_minutes)
    kept, dropped = [], set()
    for item in session.agenda_items.order_by("position"):
        slot = window.take(_minutes(item.slot_end) - _minutes(item.slot_start))
        if slot is None:
            dropped.add(item.pk)
            continue
        item.slot_start, item.slot_end = slot
        kept.append(item)
    AgendaItem.objects.filter(pk__in=dropped).delete()
    # Two passes keep the (session, position) constraint satisfied throughout.
    for offset, item in enumerate(kept, start=1000):
        AgendaItem.objects.filter(pk=item.pk).update(position=offset)
    for number, item in enumerate(kept, start=1):
        item.position = number
        item.save(update_fields=["position", "slot_start", "slot_end"])
    return dropped


@transaction.atomic
def move_hearing(session: ReceptionSession, item: AgendaItem, position: int, *, by, reason: str):
    """Put a hearing at `position` on the agenda, with the reason in the session's log."""
    items = list(session.agenda_items.order_by("position"))
    if item not in items or not 1 <= position <= len(items):
        raise ValidationError(_("No such place on the agenda."), code="bad_position")
    items.remove(item)
    items.insert(position - 1, item)
    # Two passes keep the (session, position) constraint satisfied throughout.
    for offset, row in enumerate(items, start=1000):
        AgendaItem.objects.filter(pk=row.pk).update(position=offset)
    for number, row in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=row.pk).update(position=number)
    workflow.apply(
        session,
        "reorder",
        by=by,
        comment=_("%(petition)s moved to place %(position)s: %(reason)s")
        % {"petition": item.petition, "position": position, "reason": reason},
    )


def overlapping_sessions(session: ReceptionSession):
    """Other open sessions on the same day whose hours overlap this one's."""
    return (
        ReceptionSession.objects.filter(date=session.date)
        .exclude(pk=session.pk)
        # A draft's agenda is still a proposal: the first session planned holds the points.
        .exclude(state__in=NOT_BOOKING_STATES)
        .filter(Q(start_time__lt=session.end_time) & Q(end_time__gt=session.start_time))
    )


def double_booked_points(session: ReceptionSession) -> list[BridgePoint]:
    """Points this session uses that an overlapping session also uses."""
    mine = {p.pk for p in session.participant_points()}
    clash = set()
    for other in overlapping_sessions(session):
        clash |= mine & {p.pk for p in other.participant_points()}
    return list(BridgePoint.objects.filter(pk__in=clash).order_by("code"))


def point_readiness(point: BridgePoint, day: datetime.date) -> ConnectionTest | None:
    """The latest successful test (sound and picture) within TEST_VALID_DAYS before
    `day`, or None: a point without one is flagged before the session is approved."""
    return points_readiness([point], day).get(point.pk)


def points_readiness(points, day: datetime.date) -> dict[int, ConnectionTest]:
    """point_readiness of several points (a session's agenda, its meeting page) in one
    query: point id -> its latest good test, for the points that have one."""
    since = timezone.make_aware(
        datetime.datetime.combine(day - datetime.timedelta(days=TEST_VALID_DAYS), datetime.time())
    )
    tests = ConnectionTest.objects.filter(
        bridge_point__in=[p.pk for p in points if p is not None],
        tested_at__gte=since,
        result=TestResult.SUCCESS,
        audio_ok=True,
        video_ok=True,
    ).order_by("bridge_point_id", "-tested_at")
    latest: dict[int, ConnectionTest] = {}
    for test in tests:
        latest.setdefault(test.bridge_point_id, test)
    return latest
