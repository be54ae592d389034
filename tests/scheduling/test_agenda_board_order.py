"""The agenda board lists the day in time order: the morning's in-person hearings
before the afternoon's online ones, whatever their places in the queue."""

import datetime

from django.urls import reverse
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession


def test_the_board_lists_08_00_before_14_00(login, placed_petitions):
    session = ReceptionSession.objects.create(
        kind="periodic", date=datetime.date(2026, 3, 16), presiding_official="Chủ tịch"
    )
    slots = [
        # (queue place, case, mode, start): the first in the queue is heard online at 14:00
        (1, "dongkinh", "online", datetime.time(14, 0)),
        (2, "kylua", "in_person", datetime.time(8, 0)),
        (3, "old_era", "in_person", None),  # not slotted yet
        (4, "locbinh_old", "in_person", datetime.time(9, 0)),
    ]
    for position, key, mode, start in slots:
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=placed_petitions[key],
            mode=mode,
            slot_start=start,
            slot_end=(datetime.time(start.hour, 40) if start else None),
        )
    page = login("canbo").get(
        reverse("admin:tiep_cong_dan_receptionsession_agenda", args=[session.pk])
    )
    assert page.status_code == 200
    text = page.content.decode()
    numbers = [placed_petitions[k].registration_number for k in ("kylua", "locbinh_old")]
    numbers += [placed_petitions[k].registration_number for k in ("dongkinh", "old_era")]
    where = [text.index(n) for n in numbers]
    assert where == sorted(where), "08:00, 09:00, 14:00, then the hearing not yet slotted"
