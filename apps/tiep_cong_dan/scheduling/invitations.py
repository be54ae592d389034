"""Who must be told what about a session, by when (Decree 154 Art. 23: at least 5
working days before). The records are kept here; e-mail and SMS come with the jobs."""

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..doctype.agency.constants import AgencyKind
from ..doctype.agency.models import Agency
from ..doctype.bridge_point.models import BridgePoint
from ..doctype.reception_session.constants import NOTICE_WORKING_DAYS, HearingMode, InviteeKind
from ..doctype.reception_session.models import Invitation, ReceptionSession
from ..doctype.working_calendar.services import add_working_days

CENTRAL_POINT_CODE = "TW-TSTCD"


def _when(session, item) -> str:
    return _("on %(date)s at %(time)s") % {
        "date": session.date.strftime("%d/%m/%Y"),
        "time": (item.slot_start or session.start_time).strftime("%H:%M"),
    }


Row = tuple[Invitation, list]  # an invitation and the cases it names


def _citizens(session, items, due_by) -> list[Row]:
    """Each petitioner and representative: when and where to come, what to bring."""
    host = session.host_bridge_point
    rows = []
    for item in items:
        petition = item.petition
        place = (
            item.bridge_point.name
            if item.mode == HearingMode.ONLINE and item.bridge_point
            else (host.name if host else _("the provincial Reception Office"))
        )
        people = [petition.citizen] + [r.citizen for r in petition.representatives.all()]
        for citizen in dict.fromkeys(people):
            message = _(
                "You are invited to be received by the Chairman of the provincial "
                "People's Committee %(when)s at %(place)s (case %(number)s). Bring "
                "your identity card and the papers of the case."
            ) % {"when": _when(session, item), "place": place, "number": petition}
            invitation = Invitation(
                session=session,
                kind=InviteeKind.CITIZEN,
                citizen=citizen,
                bridge_point=item.bridge_point,
                message=message,
                due_by=due_by,
            )
            rows.append((invitation, [petition]))
    return rows


def _communes(session, items, due_by) -> list[Row]:
    """Each commune whose room hosts online hearings: the room, the hour, how many."""
    by_point: dict[int, list] = {}
    for item in items:
        if item.mode == HearingMode.ONLINE and item.bridge_point:
            by_point.setdefault(item.bridge_point_id, []).append(item)
    # Each commune's People's Committee, read for all the communes at once.
    committees: dict[int, Agency] = {}
    units = {point_items[0].bridge_point.unit_id for point_items in by_point.values()}
    for agency in Agency.objects.filter(unit__in=units, kind=AgencyKind.COMMUNE_COMMITTEE).order_by(
        "-pk"
    ):
        committees[agency.unit_id] = agency  # the first by id, as .first() gave
    rows = []
    for point_items in by_point.values():
        point = point_items[0].bridge_point
        first = min(i.slot_start or session.start_time for i in point_items)
        message = _(
            "Prepare the online meeting room %(room)s for %(date)s from %(time)s; "
            "the chairman of the commune People's Committee attends. Citizens "
            "expected: %(count)s."
        ) % {
            "room": point.name,
            "date": session.date.strftime("%d/%m/%Y"),
            "time": first.strftime("%H:%M"),
            "count": len(point_items),
        }
        invitation = Invitation(
            session=session,
            kind=InviteeKind.COMMUNE,
            unit=point.unit,
            agency=committees.get(point.unit_id),
            bridge_point=point,
            message=message,
            due_by=due_by,
        )
        rows.append((invitation, [i.petition for i in point_items]))
    return rows


def _agencies(session, items, due_by) -> list[Row]:
    """Each invited agency: attend, with the dossiers and a report on its cases."""
    rows = []
    for agency in session.invited_agencies.all():
        cases = [i.petition for i in items if agency in i.petition.agencies_concerned.all()]
        message = _(
            "Attend the reception on %(date)s and prepare the dossiers and a report "
            "on the cases: %(cases)s."
        ) % {
            "date": session.date.strftime("%d/%m/%Y"),
            "cases": ", ".join(str(p) for p in cases) or _("as listed by the Board"),
        }
        invitation = Invitation(
            session=session, kind=InviteeKind.AGENCY, agency=agency, message=message, due_by=due_by
        )
        rows.append((invitation, cases))
    return rows


def _central_board(session, items, due_by) -> list[Row]:
    """The Central Citizen Reception Board, when the session invites it."""
    if not session.central_board_invited:
        return []
    message = _(
        "The Central Citizen Reception Board is invited to join from its "
        "bridge point on %(date)s at %(time)s."
    ) % {
        "date": session.date.strftime("%d/%m/%Y"),
        "time": session.start_time.strftime("%H:%M"),
    }
    invitation = Invitation(
        session=session,
        kind=InviteeKind.CENTRAL,
        agency=Agency.objects.filter(code="BTCD-TW").first(),
        bridge_point=BridgePoint.objects.filter(code=CENTRAL_POINT_CODE).first(),
        message=message,
        due_by=due_by,
    )
    return [(invitation, [i.petition for i in items])]


@transaction.atomic
def prepare_invitations(session: ReceptionSession) -> list[Invitation]:
    """(Re)build the invitations not yet sent; those already sent, or numbered (and so
    perhaps signed) before sending, are kept as they are."""
    session.invitations.filter(sent_at__isnull=True, number="").delete()
    sent = set(session.invitations.values_list("kind", "citizen_id", "unit_id", "agency_id"))
    due_by = add_working_days(session.date, -NOTICE_WORKING_DAYS)
    # Everything the letters name, read once: no query per hearing or per agency.
    items = list(
        session.agenda_items.select_related(
            "petition__citizen", "bridge_point__unit", "petition__residence_unit"
        )
        .prefetch_related("petition__agencies_concerned", "petition__representatives__citizen")
        .order_by("position")
    )
    rows = [
        row
        for build in (_citizens, _communes, _agencies, _central_board)
        for row in build(session, items, due_by)
    ]
    rows = [
        (invitation, petitions)
        for invitation, petitions in rows
        if (invitation.kind, invitation.citizen_id, invitation.unit_id, invitation.agency_id)
        not in sent
    ]
    if not rows:
        return []
    # One insert for the letters (and their history), one for the cases they name.
    created = bulk_create_with_history([invitation for invitation, _cases in rows], Invitation)
    if not all(invitation.pk for invitation in created):  # a database without RETURNING
        created = list(session.invitations.filter(sent_at__isnull=True, number="").order_by("id"))
    through = Invitation.petitions.through
    through.objects.bulk_create(
        [
            through(invitation_id=invitation.pk, petition_id=petition.pk)
            for invitation, (_inv, petitions) in zip(created, rows, strict=True)
            for petition in dict.fromkeys(petitions)
        ]
    )
    return created
