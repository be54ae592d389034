"""Who must be told what about a session, by when (Decree 154 Art. 23: at least 5
working days before). The records are kept here; e-mail and SMS come with the jobs."""

from django.db import transaction
from django.utils.translation import gettext as _

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


@transaction.atomic
def prepare_invitations(session: ReceptionSession) -> list[Invitation]:
    """(Re)build the invitations not yet sent; those already sent are kept as they are."""
    session.invitations.filter(sent_at__isnull=True).delete()
    sent = set(session.invitations.values_list("kind", "citizen_id", "unit_id", "agency_id"))
    due_by = add_working_days(session.date, -NOTICE_WORKING_DAYS)
    rows: list[tuple[Invitation, list]] = []
    items = list(
        session.agenda_items.select_related(
            "petition__citizen", "bridge_point__unit", "petition__residence_unit"
        ).order_by("position")
    )
    host = session.host_bridge_point
    for item in items:
        petition = item.petition
        place = (
            item.bridge_point.name
            if item.mode == HearingMode.ONLINE and item.bridge_point
            else (host.name if host else _("the provincial Reception Office"))
        )
        people = [petition.citizen] + [r.citizen for r in petition.representatives.all()]
        for citizen in dict.fromkeys(people):
            rows.append(
                (
                    Invitation(
                        session=session,
                        kind=InviteeKind.CITIZEN,
                        citizen=citizen,
                        bridge_point=item.bridge_point,
                        message=_(
                            "You are invited to be received by the Chairman of the provincial "
                            "People's Committee %(when)s at %(place)s (case %(number)s). Bring "
                            "your identity card and the papers of the case."
                        )
                        % {"when": _when(session, item), "place": place, "number": petition},
                        due_by=due_by,
                    ),
                    [petition],
                )
            )
    by_point: dict[int, list] = {}
    for item in items:
        if item.mode == HearingMode.ONLINE and item.bridge_point:
            by_point.setdefault(item.bridge_point_id, []).append(item)
    for point_items in by_point.values():
        point = point_items[0].bridge_point
        rows.append(
            (
                Invitation(
                    session=session,
                    kind=InviteeKind.COMMUNE,
                    unit=point.unit,
                    agency=Agency.objects.filter(
                        unit=point.unit, kind=AgencyKind.COMMUNE_COMMITTEE
                    ).first(),
                    bridge_point=point,
                    message=_(
                        "Prepare the online meeting room %(room)s for %(date)s from %(time)s; "
                        "the chairman of the commune People's Committee attends. Citizens "
                        "expected: %(count)s."
                    )
                    % {
                        "room": point.name,
                        "date": session.date.strftime("%d/%m/%Y"),
                        "time": min(
                            i.slot_start or session.start_time for i in point_items
                        ).strftime("%H:%M"),
                        "count": len(point_items),
                    },
                    due_by=due_by,
                ),
                [i.petition for i in point_items],
            )
        )
    for agency in session.invited_agencies.all():
        cases = [i.petition for i in items if agency in i.petition.agencies_concerned.all()]
        rows.append(
            (
                Invitation(
                    session=session,
                    kind=InviteeKind.AGENCY,
                    agency=agency,
                    message=_(
                        "Attend the reception on %(date)s and prepare the dossiers and a report "
                        "on the cases: %(cases)s."
                    )
                    % {
                        "date": session.date.strftime("%d/%m/%Y"),
                        "cases": ", ".join(str(p) for p in cases) or _("as listed by the Board"),
                    },
                    due_by=due_by,
                ),
                cases,
            )
        )
    if session.central_board_invited:
        rows.append(
            (
                Invitation(
                    session=session,
                    kind=InviteeKind.CENTRAL,
                    agency=Agency.objects.filter(code="BTCD-TW").first(),
                    bridge_point=BridgePoint.objects.filter(code=CENTRAL_POINT_CODE).first(),
                    message=_(
                        "The Central Citizen Reception Board is invited to join from its "
                        "bridge point on %(date)s at %(time)s."
                    )
                    % {
                        "date": session.date.strftime("%d/%m/%Y"),
                        "time": session.start_time.strftime("%H:%M"),
                    },
                    due_by=due_by,
                ),
                [i.petition for i in items],
            )
        )
    created = []
    for invitation, petitions in rows:
        key = (invitation.kind, invitation.citizen_id, invitation.unit_id, invitation.agency_id)
        if key in sent:
            continue
        invitation.save()
        invitation.petitions.set(petitions)
        created.append(invitation)
    return created
