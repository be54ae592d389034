"""The periodic sessions of the months ahead."""

import datetime

from django.db import transaction

from ..doctype.bridge_point.models import BridgePoint
from ..doctype.reception_session.constants import SessionKind
from ..doctype.reception_session.models import ReceptionSession
from ..doctype.reception_session.services import create_session
from ..doctype.working_calendar.services import periodic_session_date

HOST_POINT_CODE = "LS-TSTCD"  # the provincial Reception Office's room
PRESIDING = "Chủ tịch UBND tỉnh"


def months_from(first: datetime.date, count: int) -> list[tuple[int, int]]:
    year, month = first.year, first.month
    result = []
    for _ in range(count):
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


@transaction.atomic
def generate_periodic_sessions(first: datetime.date, months: int = 12, *, by=None) -> list:
    """Create the draft periodic session of each month from `first` on: the 15th, or the
    next working day (scheme; Decision 2080/QĐ-UBND Art. 3). A month that already has a
    periodic session is left alone, so running it again creates nothing twice."""
    host = BridgePoint.objects.filter(code=HOST_POINT_CODE).first()
    created = []
    for year, month in months_from(first, months):
        day = periodic_session_date(year, month)
        if day < first:
            continue
        exists = ReceptionSession.objects.filter(
            kind=SessionKind.PERIODIC, date__year=year, date__month=month
        ).exists()
        if exists:
            continue
        session = ReceptionSession(
            kind=SessionKind.PERIODIC,
            date=day,
            presiding_official=PRESIDING,
            host_bridge_point=host,
        )
        created.append(create_session(session, by=by))
    return created
