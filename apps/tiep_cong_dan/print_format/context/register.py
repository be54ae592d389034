"""The reception register, form 03/TCD (13 columns), for any period: the petitions
received in it that the viewer may see, denouncers redacted for those not cleared."""

import datetime

from django.db.models import QuerySet

from ...doctype.petition.constants import Jurisdiction, PetitionKind
from .common import PROVINCE_SHORT, date_line, dmy, frame, person, readable_petitions

KIND_SHORT = {
    PetitionKind.COMPLAINT: "KN",
    PetitionKind.DENUNCIATION: "TC",
    PetitionKind.RECOMMENDATION: "KNg",
    PetitionKind.FEEDBACK: "PA",
}


def register_petitions(user, start: datetime.date, end: datetime.date) -> QuerySet:
    """The register's entries in its order (the row number is the position): the
    printed register and the national export read the same rows."""
    return (
        readable_petitions(user)
        .filter(received_date__range=(start, end))
        .select_related("citizen__residence_unit", "residence_unit", "transferred_to")
        .prefetch_related("agencies_concerned")
        .order_by("received_date", "registration_year", "registration_seq")
    )


# What a row prints of its petitioner (for the access log).
REGISTER_FIELDS = frozenset({"full_name", "address", "id_number"})


def register_people(user, start: datetime.date, end: datetime.date) -> list:
    """(citizen id, petition) of each row of the register `user` prints."""
    rows = register_petitions(user, start, end).select_related(None).prefetch_related(None)
    return [(p.citizen_id, p) for p in rows.only("pk", "kind", "citizen_id")]


def register_rows(user, start: datetime.date, end: datetime.date):
    qs = register_petitions(user, start, end)
    for number, petition in enumerate(qs.iterator(chunk_size=500), start=1):
        who = person(petition.citizen, petition, user)
        guidance = ""
        if petition.reply_letter_number:
            guidance = f"Văn bản số {petition.reply_letter_number}"
            guidance += (
                f" ngày {dmy(petition.reply_letter_date)}" if petition.reply_letter_date else ""
            )
        handler = ""
        if petition.transferred_to:
            handler = petition.transferred_to.name
            if petition.transfer_letter:
                handler += f" (chuyển đơn: {petition.transfer_letter})"
        elif petition.jurisdiction == Jurisdiction.CHAIRMAN:
            handler = "Chủ tịch UBND tỉnh"
        yield {
            "stt": number,
            "date": dmy(petition.received_date),
            "person": who["name"] + (f", {who['address']}" if who["address"] else ""),
            "id_number": who["id_number"],
            "summary": petition.summary,
            "kind": KIND_SHORT.get(petition.kind, ""),
            "people": petition.group_size or 1,
            "earlier": petition.earlier_handling,
            "jurisdiction": "x" if petition.jurisdiction == Jurisdiction.CHAIRMAN else "",
            "guidance": guidance,
            "handler": handler,
            "followup": f"{petition.get_state_display()} ({petition.registration_number})",
            "note": petition.get_channel_display(),
        }


def register_context(user, start: datetime.date, end: datetime.date) -> dict:
    rows = list(register_rows(user, start, end))
    return frame(
        landscape=True,
        form_code="Mẫu số 03/TCD",
        issuer_parent=PROVINCE_SHORT,
        issuer="BAN TIẾP CÔNG DÂN TỈNH",
        place_date=date_line(datetime.date.today()),
        title="SỔ TIẾP CÔNG DÂN",
        subject=f"Từ ngày {dmy(start)} đến ngày {dmy(end)}",
        rows=rows,
        totals={"cases": len(rows), "people": sum(r["people"] for r in rows)},
    )
