"""A complaint followed from receipt to its tasks, with its code; a second complaint
heard at the same session (whose conclusion the first citizen must never see); a
denunciation with its code."""

import datetime
from dataclasses import dataclass

import pytest
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.petition.services import record_acceptance_notice
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import assign_task, draft_result_notice

from ..conftest import make_citizen, make_petition, new_unit
from ..workflow.helpers import approve_online, at, set_state

RECEIVED = datetime.date(2026, 3, 2)
SESSION_DAY = datetime.date(2026, 3, 23)
OWN_CONCLUSION = "Giao Sở Nông nghiệp và Môi trường kiểm tra lại việc thu hồi đất của hộ ông An."
OTHER_CONCLUSION = "Giao UBND phường Kỳ Lừa giải quyết dứt điểm việc cấp giấy chứng nhận."
DENOUNCED = "Nguyễn Văn Bị Tố"
DENUNCIATION_SUMMARY = f"Tố cáo ông {DENOUNCED}, cán bộ địa chính, nhận tiền"
DENUNCIATION_CONCLUSION = f"Giao Thanh tra tỉnh xác minh hành vi của ông {DENOUNCED}."


@dataclass
class Case:
    petition: Petition
    code: str


def _register(unit, name, id_number, **kw) -> Case:
    petition = make_petition(unit, make_citizen(unit, name, id_number), received=RECEIVED, **kw)
    return Case(petition, petition.issued_lookup_code)


def _tell(petition, users):
    record_acceptance_notice(
        petition, outcome="accepted", notified_on=datetime.date(2026, 3, 5), by=users["canbo"]
    )


@pytest.fixture
def cases(role_users):
    users = role_users
    dk = new_unit("05977")
    own = _register(dk, "Hoàng Văn An", "020090000101")
    other = _register(dk, "Nông Thị Bích", "020190000102", summary="Đề nghị cấp giấy chứng nhận")
    denunciation = _register(
        dk,
        "Lương Văn Cường",
        "020080000103",
        kind=PetitionKind.DENUNCIATION,
        summary=DENUNCIATION_SUMMARY,
    )
    point = BridgePoint.objects.exclude(code="LS-TSTCD").filter(unit=dk).first()
    if point is None:
        point = BridgePoint.objects.exclude(code="LS-TSTCD").first()
    BridgePoint.objects.filter(pk=point.pk).update(address="Số 1 đường Lê Lợi, phường Đông Kinh")
    point.refresh_from_db()
    session = create_session(
        ReceptionSession(
            kind="periodic",
            date=SESSION_DAY,
            presiding_official="Hồ Tiến Thiệu, Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=users["canbo"],
    )
    for position, case in enumerate([own, other, denunciation], start=1):
        _tell(case.petition, users)
        approve_online(case.petition, users, day=datetime.date(2026, 3, 9))
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=case.petition,
            mode="online",
            bridge_point=point,
            slot_start=datetime.time(14, 20 * (position - 1)),
            slot_end=datetime.time(14 + position // 3, 20 * position % 60),
        )
        set_state(case.petition, "approved")
        workflow.apply(
            case.petition, "schedule", by=users["canbo"], at=at(datetime.date(2026, 3, 12))
        )
    set_state(session, "announced")
    return {
        "own": own,
        "other": other,
        "denunciation": denunciation,
        "session": session,
        "point": point,
    }


@pytest.fixture
def concluded(cases, role_users):
    """The session held, every case heard; the Result Notice issued on 27/03/2026 with
    one conclusion and one task per case."""
    users = role_users
    session = cases["session"]
    AgendaItem.objects.filter(session=session).update(heard=True)
    set_state(session, "held")
    notice = draft_result_notice(
        ResultNotice(
            session=session,
            signer_name="Hồ Tiến Thiệu",
            signer_title="Chủ tịch",
            recipients="Chủ tịch, các PCT UBND tỉnh;",
        ),
        by=users["canbo"],
    )
    texts = {
        "own": OWN_CONCLUSION,
        "other": OTHER_CONCLUSION,
        "denunciation": DENUNCIATION_CONCLUSION,
    }
    agencies = {"own": "SNNMT", "other": "SXD", "denunciation": "TTT"}
    for key in ("own", "other", "denunciation"):
        petition = cases[key].petition
        workflow.apply(petition, "hear", by=users["canbo"], at=at(SESSION_DAY, 15))
        Conclusion.objects.update_or_create(
            notice=notice, petition=petition, defaults={"text": texts[key]}
        )
        assign_task(
            Assignment(
                notice=notice,
                petition=petition,
                agency=Agency.objects.get(code=agencies[key]),
                task="Kiểm tra, trả lời công dân.",
                working_days=15,
            ),
            by=users["canbo"],
        )
    set_state(notice, "submitted")
    workflow.apply(notice, "issue", by=users["chutich"], at=at(datetime.date(2026, 3, 27)))
    # Issuing the notice concludes its hearings (the workflow's effect).
    notice.refresh_from_db()
    return {**cases, "notice": notice}
