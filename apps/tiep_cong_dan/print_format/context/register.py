"""The reception register, form 03/TCD (Decree 154/2026, appendix), for any period: one
row per reception, that is each time a citizen or a group was received: the reception
at which a petition was registered, and each hearing of a case at a session held in the
period. Rows are numbered in date order; only the cases the viewer may see, denouncers
redacted for those not cleared."""

import datetime

from django.db.models import QuerySet

from ...doctype.petition.constants import Jurisdiction, PetitionKind
from ...doctype.reception_session.constants import HELD_SESSION_STATES as HELD
from ...doctype.reception_session.constants import HearingMode
from ...doctype.reception_session.models import AgendaItem
from .common import PROVINCE_SHORT, date_line, dmy, frame, person, readable_petitions

KIND_SHORT = {
    PetitionKind.COMPLAINT: "KN",
    PetitionKind.DENUNCIATION: "TC",
    PetitionKind.RECOMMENDATION: "KNg",
    PetitionKind.FEEDBACK: "PA",
}

# The 13 columns as form 03/TCD heads them, word for word, with their widths (%).
COLUMNS = [
    ("STT", 4),
    ("Ngày tiếp", 7),
    ("Họ tên, địa chỉ", 12),
    ("CCCD/CMND/Hộ chiếu", 8),
    ("Nội dung đơn", 13),
    ("Loại đơn (KN/TC/KN/PA)", 5),
    ("Số người cùng nội dung", 5),
    ("Cơ quan đã giải quyết", 8),
    ("Thuộc thẩm quyền (x)", 5),
    ("Hướng dẫn công dân đến cơ quan có thẩm quyền", 8),
    ("Cơ quan, đơn vị thụ lý", 8),
    ("Theo dõi kết quả giải quyết", 9),
    ("Ghi chú", 8),
]

# A unit's name reads its district (AdministrativeUnit.__str__): fetched with the row.
PETITION_RELATED = (
    "citizen__residence_unit__parent",
    "residence_unit__parent",
    "transferred_to",
)
MODE_WORDS = {HearingMode.ONLINE: "trực tuyến", HearingMode.IN_PERSON: "trực tiếp"}


def register_petitions(user, start: datetime.date, end: datetime.date) -> QuerySet:
    """The petitions registered in the period, in registration order: the register's
    registration receptions (the national export numbers its records by them)."""
    return (
        readable_petitions(user)
        .counted()  # a registration voided as a duplicate is not a reception
        .filter(received_date__range=(start, end))
        .select_related(*PETITION_RELATED)
        .prefetch_related("agencies_concerned")
        .order_by("received_date", "registration_year", "registration_seq")
    )


def register_hearings(user, start: datetime.date, end: datetime.date) -> QuerySet:
    """The hearings at sessions held in the period of the cases `user` may see, in the
    order they were heard."""
    return (
        AgendaItem.objects.filter(
            heard=True,
            session__state__in=HELD,
            session__date__range=(start, end),
            petition__in=readable_petitions(user).counted().values("pk"),
        )
        .select_related("session", "bridge_point", *(f"petition__{r}" for r in PETITION_RELATED))
        .order_by("session__date", "session__start_time", "session_id", "position")
    )


def _receptions(user, start: datetime.date, end: datetime.date) -> list[tuple]:
    """(day, petition, hearing or None) of each reception, in the register's order: by
    day, a day's registrations before its hearings (two queries, whatever the rows)."""
    rows = [
        (p.received_date, 0, p.registration_year or 0, p.registration_seq or 0, n, p, None)
        for n, p in enumerate(register_petitions(user, start, end).prefetch_related(None))
    ]
    rows += [
        (i.session.date, 1, 0, 0, n, i.petition, i)
        for n, i in enumerate(register_hearings(user, start, end))
    ]
    rows.sort(key=lambda row: row[:5])
    return [(day, petition, hearing) for day, *_order, petition, hearing in rows]


# What a row prints of its petitioner (for the access log).
REGISTER_FIELDS = frozenset({"full_name", "address", "id_number"})


def register_people(user, start: datetime.date, end: datetime.date) -> list:
    """(citizen id, petition) of each row of the register `user` prints."""
    return [(p.citizen_id, p) for _day, p, _hearing in _receptions(user, start, end)]


def _guidance(petition) -> str:
    if not petition.reply_letter_number:
        return ""
    day = f" ngày {dmy(petition.reply_letter_date)}" if petition.reply_letter_date else ""
    return f"Văn bản số {petition.reply_letter_number}{day}"


def _handler(petition) -> str:
    if petition.transferred_to:
        letter = petition.transfer_letter
        return petition.transferred_to.name + (f" (chuyển đơn: {letter})" if letter else "")
    if petition.jurisdiction == Jurisdiction.CHAIRMAN:
        return "Chủ tịch UBND tỉnh"
    return ""


def _note(petition, hearing) -> str:
    """How the citizen was received: the channel of the registration, or the session."""
    if hearing is None:
        return petition.get_channel_display()
    session = hearing.session
    words = f"Chủ tịch UBND tỉnh tiếp {MODE_WORDS.get(hearing.mode, '')}".rstrip()
    words += f" (phiên {session.get_kind_display().lower()})"
    if hearing.mode == HearingMode.ONLINE and hearing.bridge_point:
        words += f", điểm cầu {hearing.bridge_point.name}"
    return words


def register_rows(user, start: datetime.date, end: datetime.date):
    """(petition id, row) of each reception, numbered."""
    for number, (day, petition, hearing) in enumerate(_receptions(user, start, end), start=1):
        who = person(petition.citizen, petition, user)
        yield (
            petition.pk,
            {
                "stt": number,
                "date": dmy(day),
                "person": who["name"] + (f", {who['address']}" if who["address"] else ""),
                "id_number": who["id_number"],
                "summary": petition.summary,
                "kind": KIND_SHORT.get(petition.kind, ""),
                # Column 7: the citizens whose petition has this content (not who attended).
                "people": petition.group_size or 1,
                "earlier": petition.earlier_handling,
                "jurisdiction": "x" if petition.jurisdiction == Jurisdiction.CHAIRMAN else "",
                "guidance": _guidance(petition),
                "handler": _handler(petition),
                "followup": f"{petition.get_state_display()} ({petition.registration_number})",
                "note": _note(petition, hearing),
            },
        )


def register_context(user, start: datetime.date, end: datetime.date) -> dict:
    numbered = list(register_rows(user, start, end))
    rows = [row for _pk, row in numbered]
    return frame(
        landscape=True,
        form_code="Mẫu số 03/TCD",
        issuer_parent=PROVINCE_SHORT,
        issuer="BAN TIẾP CÔNG DÂN TỈNH",
        place_date=date_line(datetime.date.today()),
        title="SỔ TIẾP CÔNG DÂN",
        subject=f"Từ ngày {dmy(start)} đến ngày {dmy(end)}",
        columns=[{"label": label, "width": width} for label, width in COLUMNS],
        rows=rows,
        totals={
            "receptions": len(rows),
            "cases": len({pk for pk, _row in numbered}),
            "people": sum(r["people"] for r in rows),
        },
    )
