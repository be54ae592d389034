"""A March 2026 to export: the placed petitions (three received in March, one from
2024) and a periodic session held on 16/03/2026 that heard the Đông Kinh complaint
online, the Đông Kinh denunciation in person and the 2024 case, concluded by an
issued Result Notice with two assignments to SNNMT (invited). A second, cancelled session and a
hearing not reached must not be exported."""

import datetime

import pytest
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice

from ..conftest import new_unit

START, END = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
SESSION_DAY = datetime.date(2026, 3, 16)


def _session(day: datetime.date, state: str) -> ReceptionSession:
    return ReceptionSession.objects.create(
        kind="periodic",
        date=day,
        state=state,
        presiding_official="Hồ Tiến Thiệu, Chủ tịch UBND tỉnh",
        host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
    )


@pytest.fixture
def march(placed_petitions) -> dict:
    p = placed_petitions
    point = primary_point_for(new_unit("05977"))
    held = _session(SESSION_DAY, "held")
    snnmt = Agency.objects.get(code="SNNMT")
    held.invited_agencies.add(snnmt)  # as the agenda invites the agencies concerned
    AgendaItem.objects.create(
        session=held,
        position=1,
        petition=p["dongkinh"],
        mode="online",
        bridge_point=point,
        heard=True,
        attendance_count=1,
    )
    AgendaItem.objects.create(
        session=held, position=2, petition=p["dongkinh_tc"], mode="in_person", heard=True
    )
    AgendaItem.objects.create(
        session=held, position=3, petition=p["old_era"], mode="in_person", heard=True
    )
    AgendaItem.objects.create(  # not reached: no hearing, and the case is not pulled in
        session=held, position=4, petition=p["locbinh_old"], mode="in_person", heard=False
    )
    cancelled = _session(datetime.date(2026, 3, 20), "cancelled")
    AgendaItem.objects.create(
        session=cancelled, position=1, petition=p["kylua"], mode="in_person", heard=True
    )
    notice = ResultNotice.objects.create(
        session=held,
        state="issued",
        number="05/TB-UBND",
        number_year=2026,
        number_seq=5,
        issued_date=datetime.date(2026, 3, 20),
    )
    for petition in (p["dongkinh"], p["dongkinh_tc"], p["old_era"]):
        Conclusion.objects.create(notice=notice, petition=petition, text="Giao Sở kiểm tra.")
    assignments = [
        Assignment.objects.create(
            notice=notice,
            petition=petition,
            agency=snnmt,
            task="Kiểm tra, trả lời công dân.",
            deadline=datetime.date(2026, 4, 30),
            state=state,
            done_on=done_on,
        )
        for petition, state, done_on in (
            (p["dongkinh"], "open", None),
            (p["old_era"], "accepted", datetime.date(2026, 4, 10)),
        )
    ]
    return {**p, "session": held, "notice": notice, "point": point, "assignments": assignments}
