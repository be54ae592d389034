"""Signing in through the desk's real form, as a browser does; a session whose hearings
lie in several scopes, one of them a denunciation, for the side-path probes."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.reception_session.constants import HearingMode, InviteeKind
from tiep_cong_dan.doctype.reception_session.models import (
    AgendaItem,
    Invitation,
    ReceptionSession,
)

from ..conftest import PASSWORD
from ..jobs.conftest import open_task  # noqa: F401  (the broker outage's task)
from ..print_format.conftest import letters  # noqa: F401  (the print sandbox's letters)

DENOUNCER = "Lương Văn Cường"  # the denouncer of placed_petitions["dongkinh_tc"]
MINUTES = f"Ông {DENOUNCER} (CCCD 020080000003) trình bày nội dung tố cáo."


def password_sign_in(client: Client, username: str, password: str = PASSWORD, **extra):
    """POST the sign-in form; `extra` sets request headers (REMOTE_ADDR, forwarded for)."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **extra,
    )


@pytest.fixture
def mixed_session(placed_petitions) -> ReceptionSession:
    """16/03/2026, its room prepared: 1. Đông Kinh's complaint, 2. Kỳ Lừa's complaint
    (another commune), 3. Đông Kinh's denunciation, whose minutes and attendees name
    the denouncer; the citizens invited, each by their own letter."""
    session = ReceptionSession.objects.create(
        kind="periodic",
        date=datetime.date(2026, 3, 16),
        presiding_official="Chủ tịch UBND tỉnh",
        host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        state="approved",
        conference_platform="pexip",
        conference_alias="tcd-2026-03-16@video.langson.gov.vn",
        host_pin="918273",
        guest_pin="465001",
    )
    cases = [placed_petitions[k] for k in ("dongkinh", "kylua", "dongkinh_tc")]
    for position, petition in enumerate(cases, start=1):
        denunciation = petition.is_denunciation
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=petition,
            mode=HearingMode.ONLINE,
            bridge_point=primary_point_for(petition.matter_unit),
            slot_start=datetime.time(13 + position, 0),
            slot_end=datetime.time(13 + position, 45),
            minutes=MINUTES if denunciation else "Công dân trình bày khiếu nại.",
            attendees=DENOUNCER if denunciation else "Chủ tịch UBND xã",
        )
        invitation = Invitation.objects.create(
            session=session,
            kind=InviteeKind.CITIZEN,
            citizen=petition.citizen,
            message=f"Mời ông/bà {petition.citizen.full_name} dự phiên tiếp.",
            due_by=datetime.date(2026, 3, 9),
        )
        invitation.petitions.add(petition)
    return session
