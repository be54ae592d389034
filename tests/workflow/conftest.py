import datetime

import pytest
from django.utils import translation
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.constants import HearingMode, SessionKind
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session

from ..conftest import make_citizen, make_petition, new_unit
from .helpers import approve_online

# Monday 16/03/2026; 5 working days before is Monday 09/03, 1 working day before
# is Friday 13/03.
DAY = datetime.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _english_messages():
    """Rules speak Vietnamese to users; these tests read the English source text."""
    with translation.override("en"):
        yield


def approved_petitions(users, count=2, series=10) -> list[Petition]:
    dk, kl = new_unit("05977"), new_unit("06187")
    result = []
    for i in range(count):
        unit = dk if i % 2 == 0 else kl
        p = make_petition(unit, make_citizen(unit, f"Công dân {i}", f"0200900{series:03d}{i:02d}"))
        result.append(approve_online(p, users))
    return result


@pytest.fixture
def session(role_users):
    session = create_session(
        ReceptionSession(
            kind=SessionKind.PERIODIC,
            date=DAY,
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=role_users["canbo"],
    )
    for position, petition in enumerate(approved_petitions(role_users), start=1):
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=petition,
            mode=HearingMode.ONLINE,
            bridge_point=primary_point_for(petition.residence_unit),
        )
    return session
