"""Sessions as the public schedule's tests need them: announced through the workflow
engine (as the Board does), then postponed or cancelled through it, with agendas whose
petitioners are named so that a test can look for their names in every output."""

import datetime

from django.utils import timezone
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.bridge_point.constants import PointLevel
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session

from ..conftest import make_citizen, make_petition, new_unit

PRESIDING = "Chủ tịch UBND tỉnh"


def days_ahead(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def host_point() -> BridgePoint:
    return BridgePoint.objects.filter(level=PointLevel.PROVINCE, active=True).order_by("code")[0]


def new_session(
    day: datetime.date, *, kind: str = "periodic", state: str = "draft"
) -> ReceptionSession:
    session = create_session(
        ReceptionSession(
            kind=kind,
            ad_hoc_ground="a" if kind == "ad_hoc" else "",
            date=day,
            presiding_official=PRESIDING,
            host_bridge_point=host_point(),
        )
    )
    if state != "draft":
        # Earlier steps (planning, the Chairman's approval) are not what is tested here.
        ReceptionSession.objects.filter(pk=session.pk).update(state=state)
        session.refresh_from_db()
    return session


def announced(day: datetime.date, **kwargs) -> ReceptionSession:
    """A session approved, then announced through the engine (Decree 154 Art. 23)."""
    session = new_session(day, state="approved", **kwargs)
    workflow.apply(session, "announce")
    session.refresh_from_db()
    return session


def step(session: ReceptionSession, action: str, comment: str = "") -> ReceptionSession:
    workflow.apply(session, action, comment=comment)
    session.refresh_from_db()
    return session


_serial = iter(range(100, 10_000))


def hear(
    session: ReceptionSession,
    code: str,
    name: str,
    *,
    kind=PetitionKind.COMPLAINT,
    mode="online",
    summary="Khiếu nại quyết định thu hồi đất",
):
    """A hearing of a new petition of a citizen of commune `code` on `session`."""
    unit = new_unit(code)
    n = next(_serial)
    citizen = make_citizen(unit, name, f"0201900{n:05d}")
    petition = make_petition(unit, citizen, kind=kind, summary=summary)
    position = session.agenda_items.count() + 1
    hour = 14 if mode == "online" else 8
    AgendaItem.objects.create(
        session=session,
        position=position,
        petition=petition,
        mode=mode,
        bridge_point=primary_point_for(unit) if mode == "online" else None,
        slot_start=datetime.time(hour, 0) if position == 1 else None,
        attendees=f"{name}, người khiếu nại",
    )
    return petition
