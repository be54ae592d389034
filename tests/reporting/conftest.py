"""A hand-built year (2025) for the statistics: a periodic session before the
2025-07-01 merger, an ad hoc group after it, a case not reached and rolled over,
cancelled and out-of-period sessions that must not count, assignments on time, late
and overdue, connection tests."""

import datetime

import pytest
from django.utils import timezone
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint, ConnectionTest
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit, old_unit

YEAR = Period.year(2025)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def step(petition, from_state, to_state, day, action="step"):
    WorkflowEvent.objects.create(
        doctype="petition",
        object_id=petition.pk,
        action=action,
        action_label=action,
        from_state=from_state,
        to_state=to_state,
        at=_at(day),
    )
    Petition.objects.filter(pk=petition.pk).update(state=to_state)


def session(kind, day, state="held", **fields):
    return ReceptionSession.objects.create(
        kind=kind,
        date=day,
        state=state,
        presiding_official="Chủ tịch UBND tỉnh",
        host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        **fields,
    )


def hear(s, petition, position, *, heard=True, mode="in_person", attendance=None):
    return AgendaItem.objects.create(
        session=s,
        petition=petition,
        position=position,
        heard=heard,
        mode=mode,
        attendance_count=attendance,
    )


@pytest.fixture
def year(role_users):
    locbinh = old_unit("188").children.order_by("code")  # communes of Lộc Bình district
    dongkinh = new_unit("05977")
    a = make_petition(
        locbinh[0],
        make_citizen(locbinh[0], "Lăng Văn A", "020070000101"),
        received=datetime.date(2024, 12, 1),
    )
    b = make_petition(
        locbinh[1],
        make_citizen(locbinh[1], "Hoàng Thị B", "020070000102"),
        received=datetime.date(2025, 1, 2),
    )
    Petition.objects.filter(pk=b.pk).update(group_size=12)  # 5 representatives attend
    c = make_petition(
        locbinh[0],
        make_citizen(locbinh[0], "Vi Văn C", "020070000103"),
        received=datetime.date(2025, 1, 3),
        kind=PetitionKind.DENUNCIATION,
    )
    d = make_petition(
        dongkinh,
        make_citizen(dongkinh, "Lộc Văn D", "020070000104"),
        received=datetime.date(2025, 8, 1),
    )
    Petition.objects.filter(pk=d.pk).update(group_size=40)
    periodic = session("periodic", datetime.date(2025, 1, 15))
    hear(periodic, a, 1)
    hear(periodic, b, 2, attendance=5)
    hear(periodic, c, 3, heard=False)  # not reached
    adhoc = session("ad_hoc", datetime.date(2025, 8, 20), ad_hoc_ground="a")
    hear(adhoc, d, 1, mode="online", attendance=40)
    # Not counted: cancelled in the year, held outside it.
    hear(session("periodic", datetime.date(2025, 2, 16), state="cancelled"), c, 1)
    hear(session("periodic", datetime.date(2026, 1, 15)), c, 1)
    for p, received in ((a, datetime.date(2024, 12, 1)), (b, datetime.date(2025, 1, 2))):
        step(p, "classified", "proposed", received + datetime.timedelta(days=1))
        step(p, "proposed", "approved", received + datetime.timedelta(days=2))
        step(p, "approved", "scheduled", datetime.date(2025, 1, 10))
        step(p, "scheduled", "heard", datetime.date(2025, 1, 15))
    step(c, "classified", "proposed", datetime.date(2025, 1, 4))
    step(c, "proposed", "approved", datetime.date(2025, 1, 5))
    step(c, "approved", "scheduled", datetime.date(2025, 1, 10))
    step(c, "scheduled", "approved", datetime.date(2025, 1, 15), "mark_not_reached")
    step(d, "classified", "approved", datetime.date(2025, 8, 5))
    step(d, "approved", "scheduled", datetime.date(2025, 8, 18))
    step(d, "scheduled", "heard", datetime.date(2025, 8, 20))
    step(d, "heard", "concluded", datetime.date(2025, 8, 25))
    notice = ResultNotice.objects.create(session=periodic, state="issued")
    agency = Agency.objects.get(code="SNNMT")
    for petition, deadline, done_on, state in (
        (a, datetime.date(2025, 3, 1), datetime.date(2025, 2, 20), "accepted"),  # on time
        (b, datetime.date(2025, 3, 1), datetime.date(2025, 3, 9), "accepted"),  # late
        (b, datetime.date(2025, 4, 1), None, "open"),  # overdue at the year's end
        (a, datetime.date(2026, 6, 1), None, "open"),  # open, not yet due
    ):
        Assignment.objects.create(
            notice=notice,
            petition=petition,
            agency=agency,
            task="Kiểm tra.",
            deadline=deadline,
            done_on=done_on,
            state=state,
        )
    point = BridgePoint.objects.get(code="LS-TSTCD")
    ConnectionTest.objects.create(
        bridge_point=point,
        tested_at=_at(datetime.date(2025, 8, 19)),
        result="success",
        audio_ok=True,
        video_ok=True,
    )
    ConnectionTest.objects.create(
        bridge_point=point, tested_at=_at(datetime.date(2025, 8, 18)), result="failed"
    )
    return {"a": a, "b": b, "c": c, "d": d, "locbinh": locbinh, "dongkinh": dongkinh}
