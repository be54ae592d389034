"""A held session with three online hearings (Đông Kinh's complaint, Kỳ Lừa's
complaint, Đông Kinh's denunciation) and an empty recordings storage of its own."""

import datetime

import pytest
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.reception_session.constants import HearingMode
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession


@pytest.fixture
def store(settings, tmp_path):
    root = tmp_path / "recordings"
    root.mkdir()
    settings.TCD_RECORDING_STORAGE = root
    return root


@pytest.fixture
def held(placed_petitions, store) -> ReceptionSession:
    session = ReceptionSession.objects.create(
        kind="periodic",
        date=datetime.date(2026, 3, 16),
        presiding_official="Chủ tịch UBND tỉnh",
        state="held",
        conference_platform="pexip",
    )
    for position, key in enumerate(("dongkinh", "kylua", "dongkinh_tc"), start=1):
        petition = placed_petitions[key]
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=petition,
            mode=HearingMode.ONLINE,
            bridge_point=primary_point_for(petition.matter_unit),
            heard=True,
        )
    return session


def hearing(session, position: int) -> AgendaItem:
    return session.agenda_items.get(position=position)
