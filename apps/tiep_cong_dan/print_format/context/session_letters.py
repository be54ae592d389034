"""A session's papers: the invitation letters (to the citizen, to the commune People's
Committee hosting the bridge point, to the agencies concerned; Decree 154 Art. 23) and
the session's agenda. Letters to a commune or an agency are read by officers not
cleared for denouncers, so they always carry the redacted names."""

import datetime

from ...doctype.reception_session.constants import HearingMode, InviteeKind
from .common import (
    OUTSIDE_READER,
    RECEPTION_OFFICE,
    addressee,
    board_frame,
    board_head_signature,
    date_line,
    dmy,
    in_sentence,
    person,
    readable_petitions,
    recipients,
    weekday,
)


def _hm(value) -> str:
    return value.strftime("%H:%M") if value else ""


def _session(session) -> dict:
    host = session.host_bridge_point
    return {
        "date": dmy(session.date),
        "weekday": weekday(session.date),
        "time": _hm(session.start_time),
        "place": host.name if host else RECEPTION_OFFICE,
        "presiding": session.presiding_official,
        "kind": session.get_kind_display().lower(),
    }


def _items(session, petitions=None):
    items = session.agenda_items.select_related(
        "petition__citizen__residence_unit", "petition__residence_unit", "bridge_point"
    ).order_by("position")
    if petitions is not None:
        items = items.filter(petition__in=petitions)
    return list(items)


def _letter(invitation, **values) -> dict:
    sent = invitation.sent_at is not None
    return board_frame(
        draft=not sent,
        number=invitation.number or "      /GM-BTCD",
        place_date=date_line(invitation.sent_at.date() if sent else datetime.date.today()),
        title="GIẤY MỜI",
        signature=board_head_signature(),
        **values,
    )


def invitation_context(invitation, user=None) -> dict:
    session = invitation.session
    petitions = list(invitation.petitions.all())
    if invitation.kind == InviteeKind.CITIZEN:
        item = next(iter(_items(session, petitions)), None)
        petition = item.petition if item else petitions[0]
        online = item is not None and item.mode == HearingMode.ONLINE and item.bridge_point
        who = person(invitation.citizen, petition, user)
        return _letter(
            invitation,
            subject="Tham dự buổi tiếp công dân của Chủ tịch UBND tỉnh",
            addressee=addressee(who),
            pronoun=who["pronoun"],
            session=_session(session),
            time=_hm(item.slot_start if item else session.start_time),
            place=item.bridge_point.name if online else _session(session)["place"],
            online=bool(online),
            case={"number": petition.registration_number, "summary": petition.summary},
            recipients=recipients(["Như trên;", "UBND xã nơi công dân cư trú;"]),
        )
    rows = []
    for item in _items(session, petitions):
        who = person(item.petition.citizen, item.petition, OUTSIDE_READER)
        rows.append(
            {
                "time": _hm(item.slot_start),
                "name": who["name"],
                "number": item.petition.registration_number,
                "summary": item.petition.summary,
                "point": item.bridge_point.name if item.bridge_point else RECEPTION_OFFICE,
            }
        )
    if invitation.kind == InviteeKind.COMMUNE:
        unit = invitation.unit
        return _letter(
            invitation,
            subject="Phối hợp tổ chức tiếp công dân trực tuyến tại điểm cầu cấp xã",
            addressee=f"Chủ tịch Ủy ban nhân dân {in_sentence(unit.name)}" if unit else "",
            session=_session(session),
            room=invitation.bridge_point.name if invitation.bridge_point else "",
            time=min((r["time"] for r in rows if r["time"]), default=_hm(session.start_time)),
            citizens=rows,
            recipients=recipients(["Như trên;"]),
        )
    return _letter(
        invitation,
        subject="Dự buổi tiếp công dân của Chủ tịch UBND tỉnh",
        addressee=invitation.agency.name if invitation.agency else "Ban Tiếp công dân Trung ương",
        session=_session(session),
        cases=rows,
        report_by=dmy(invitation.due_by),
        recipients=recipients(["Như trên;"]),
    )


def agenda_context(session, user=None) -> dict:
    """The hearings of the session whose cases `user` may see by the petition rule
    (all for the Board's and the outside reader's copies)."""
    items = []
    # In time order: in-person hearings fill the morning, online ones the afternoon.
    hearings = sorted(
        _items(session, readable_petitions(user)),
        key=lambda i: (i.slot_start is None, i.slot_start, i.position),
    )
    for item in hearings:
        who = person(item.petition.citizen, item.petition, user)
        online = item.mode == HearingMode.ONLINE
        items.append(
            {
                "time": f"{_hm(item.slot_start)}–{_hm(item.slot_end)}" if item.slot_start else "",
                "number": item.petition.registration_number,
                "person": who["name"],
                "summary": item.petition.summary,
                "mode": "Trực tuyến" if online else "Trực tiếp",
                "point": item.bridge_point.name if online and item.bridge_point else "",
            }
        )
    participants = [a.name for a in session.invited_agencies.order_by("name")]
    if session.central_board_invited:
        participants.append("Ban Tiếp công dân Trung ương")
    return board_frame(
        draft=session.state in ("draft", "planned", "approved"),
        place_date=date_line(session.date),
        title="CHƯƠNG TRÌNH",
        subject=(
            f"Tiếp công dân {session.get_kind_display().lower()} của Chủ tịch UBND tỉnh "
            f"ngày {dmy(session.date)}"
        ),
        session={
            **_session(session),
            "time": _hm(min((i.slot_start for i in hearings if i.slot_start), default=None))
            or _hm(session.start_time),
        },
        items=items,
        participants=participants,
        signature=board_head_signature(),
        recipients=recipients(["Chủ tịch UBND tỉnh (để báo cáo);", "Các cơ quan được mời;"]),
    )
