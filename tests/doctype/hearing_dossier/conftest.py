"""A session of three hearings whose dossiers are asked of four agencies: Sở Nông nghiệp
và Môi trường (hearings 1 and 2), Sở Xây dựng (hearing 2), the People's Committee of
Phường Đông Kinh (hearings 1 and 3) and that of Phường Kỳ Lừa (hearing 2). The session
is some working days ahead of today, so that steps taken now are on time."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from tiep_cong_dan.access.models import UserScope
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.reception_session.constants import HearingMode, SessionKind
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.working_calendar.services import add_working_days

from ...conftest import PASSWORD, make_citizen, make_petition, new_unit
from ...workflow.helpers import approve_online


def add_officer(username: str, role: str, *, unit=None, agency=None) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    UserScope.objects.create(user=user, unit=unit, agency=agency)
    return user


@pytest.fixture
def four_agencies(role_users) -> dict[str, Agency]:
    """The four agencies, and an officer for each one the demo users do not cover."""
    agencies = {
        "snnmt": Agency.objects.get(code="SNNMT"),
        "sxd": Agency.objects.get(code="SXD"),
        "dongkinh": Agency.objects.get(code="UBND-05977"),
        "kylua": Agency.objects.get(code="UBND-06187"),
    }
    add_officer("so_xaydung", "department_officer", agency=agencies["sxd"])
    add_officer("xa_kylua", "commune_officer", unit=new_unit("06187"))
    return agencies


@pytest.fixture
def planned_session(role_users, four_agencies) -> ReceptionSession:
    """Three approved cases on the agenda of a planned session ten working days ahead."""
    dk, kl = new_unit("05977"), new_unit("06187")
    snnmt, sxd = four_agencies["snnmt"], four_agencies["sxd"]
    cases = [
        make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000101"), agencies=[snnmt]),
        make_petition(
            kl,
            make_citizen(kl, "Nông Thị Bích", "020190000102"),
            agencies=[snnmt, sxd],
            summary="Khiếu nại việc cấp phép xây dựng",
        ),
        make_petition(
            dk,
            make_citizen(dk, "Vi Văn Chiến", "020090000103"),
            summary="Khiếu nại việc bồi thường tài sản trên đất",
        ),
    ]
    session = create_session(
        ReceptionSession(
            kind=SessionKind.PERIODIC,
            date=add_working_days(timezone.localdate(), 10),
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=role_users["canbo"],
    )
    for position, petition in enumerate(cases, start=1):
        approve_online(petition, role_users)
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=petition,
            mode=HearingMode.ONLINE,
            bridge_point=primary_point_for(petition.matter_unit),
        )
    from tiep_cong_dan import workflow

    workflow.apply(session, "plan", by=role_users["canbo"])
    return session
