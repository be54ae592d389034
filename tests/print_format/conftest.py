"""Documents read back as a reader would: the PDF through poppler, the DOCX through
python-docx and LibreOffice. Fixtures: an issued result notice, an announced session
with a complaint and a denunciation, and the petition letters."""

import datetime
import io
import subprocess

import pytest
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import assign_task, draft_result_notice
from tiep_cong_dan.scheduling.agenda import build_agenda

from ..conftest import make_citizen, make_petition, new_unit
from ..workflow.helpers import approve_online, at, set_state

DAY = datetime.date(2026, 3, 23)  # a Monday
COMPLAINANT, DENOUNCER = "Hoàng Văn An", "Lương Văn Cường"


def pdf_text(data: bytes, tmp_path, *tool) -> str:
    """pdftotext (or pdfinfo, pdffonts when named) on `data`."""
    path = tmp_path / "read.pdf"
    path.write_bytes(data)
    # -raw: the order the text was drawn, so a wrapped table cell stays in one piece.
    cmd = list(tool) or ["pdftotext", "-raw"]
    tail = [str(path), "-"] if cmd[0] == "pdftotext" else [str(path)]
    out = subprocess.run([*cmd, *tail], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split()) if cmd[0] == "pdftotext" else out


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return " ".join(" ".join(parts).split())


def _two_cases(users, received=datetime.date(2025, 12, 1)):
    dk = new_unit("05977")
    agency = Agency.objects.get(code="SNNMT")
    complaint = make_petition(
        dk, make_citizen(dk, COMPLAINANT, "020090000021"), received=received, agencies=[agency]
    )
    denunciation = make_petition(
        dk,
        make_citizen(dk, DENOUNCER, "020080000023"),
        kind=PetitionKind.DENUNCIATION,
        received=received,
        agencies=[agency],
        summary="Tố cáo cán bộ địa chính",
    )
    return [approve_online(complaint, users), approve_online(denunciation, users)]


@pytest.fixture
def announced(role_users) -> ReceptionSession:
    """23/03/2026: both cases heard online from the Đông Kinh point, SNNMT invited;
    approved on 12/03 and announced on 16/03 (the invitations sent and numbered)."""
    _two_cases(role_users)
    session = create_session(
        ReceptionSession(
            kind="periodic",
            date=DAY,
            presiding_official="Hồ Tiến Thiệu, Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=role_users["canbo"],
    )
    build_agenda(session, by=role_users["canbo"])
    users = role_users
    workflow.apply(session, "plan", by=users["canbo"], at=at(datetime.date(2026, 3, 11)))
    workflow.apply(session, "approve", by=users["chutich"], at=at(datetime.date(2026, 3, 12)))
    workflow.apply(session, "announce", by=users["canbo"], at=at(datetime.date(2026, 3, 16)))
    return session


@pytest.fixture
def report(role_users):
    """The Board's draft report for March 2026."""
    from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
    from tiep_cong_dan.doctype.monthly_report.services import draft_monthly_report

    return draft_monthly_report(
        MonthlyReport(
            period_start=datetime.date(2026, 3, 1),
            period_end=datetime.date(2026, 3, 31),
            remarks="Đề nghị các sở đẩy nhanh việc thực hiện kết luận.",
        ),
        by=role_users["canbo"],
    )


@pytest.fixture
def letters(role_users) -> dict[str, Petition]:
    """A petition answered in writing, one refused (form 01/TCD), and their numbers."""
    dk = new_unit("05977")
    answered = make_petition(dk, make_citizen(dk, COMPLAINANT, "020090000011"))
    Petition.objects.filter(pk=answered.pk).update(
        state="not_proposed",
        reply_reason="Vụ việc đã được UBND huyện giải quyết lần đầu, chưa hết thẩm quyền.",
        reply_letter_number="15/BTCD-TCD",
        reply_letter_date=datetime.date(2026, 3, 5),
    )
    refused = make_petition(
        dk, make_citizen(dk, DENOUNCER, "020080000013"), kind=PetitionKind.DENUNCIATION
    )
    Petition.objects.filter(pk=refused.pk).update(
        state="refused",
        refusal_ground="law_9_3",
        refusal_notice_number="03/TB-BTCD",
        refusal_notice_date=datetime.date(2026, 2, 4),
    )
    answered.refresh_from_db()
    refused.refresh_from_db()
    return {"answered": answered, "refused": refused}


def submitted_notice_of(petitions: list[Petition], users) -> ResultNotice:
    """A result notice of a held session hearing `petitions` (each given a conclusion and
    a task for the department of agriculture), submitted to the Chairman."""
    session = create_session(
        ReceptionSession(
            kind="periodic",
            date=datetime.date(2026, 3, 16),
            presiding_official="Hồ Tiến Thiệu, Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=users["canbo"],
    )
    notice = draft_result_notice(
        ResultNotice(
            session=session,
            signer_name="Hồ Tiến Thiệu",
            signer_title="Chủ tịch",
            recipients="Chủ tịch, các PCT UBND tỉnh;\nSở Nông nghiệp và Môi trường;",
        ),
        by=users["canbo"],
    )
    for position, petition in enumerate(petitions, start=1):
        AgendaItem.objects.create(
            session=session, position=position, petition=petition, mode="in_person", heard=True
        )
        set_state(petition, "heard")
        Conclusion.objects.create(notice=notice, petition=petition, text="Giao Sở kiểm tra.")
        assign_task(
            Assignment(
                notice=notice,
                petition=petition,
                agency=Agency.objects.get(code="SNNMT"),
                task="Kiểm tra, trả lời công dân.",
                working_days=15,
            ),
            by=users["canbo"],
        )
    set_state(session, "held")
    set_state(notice, "submitted")
    return notice


@pytest.fixture
def notice(role_users):
    dk = new_unit("05977")
    complaint = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    denunciation = make_petition(
        dk, make_citizen(dk, "Lương Văn Cường", "020080000003"), kind=PetitionKind.DENUNCIATION
    )
    notice = submitted_notice_of([complaint, denunciation], role_users)
    workflow.apply(notice, "issue", by=role_users["chutich"], at=at(datetime.date(2026, 3, 20)))
    return notice


# The petitioners of `placed_petitions` (tests/conftest.py) and the agency each case's
# task goes to.
PLACED_NAMES = {
    "dongkinh": "Hoàng Văn An",
    "kylua": "Nông Thị Bích",
    "dongkinh_tc": "Lương Văn Cường",
    "old_era": "Vi Thị Dung",
    "locbinh_old": "Lăng Văn Em",
}
PLACED_TASKS = {
    "dongkinh": "SNNMT",
    "kylua": "SXD",
    "dongkinh_tc": "TTT",
    "old_era": "STC",
    "locbinh_old": "STP",
}


def notice_of_placed_cases(placed: dict[str, Petition], users) -> ResultNotice:
    """The result notice of a session of 16/03/2026 that heard the five placed cases
    (Đông Kinh's complaint and denunciation and its older ward's complaint, a Kỳ Lừa
    complaint, an old Lộc Bình commune's complaint), each concluded with a task for a
    different agency; issued by the Chairman on 20/03/2026."""
    session = create_session(
        ReceptionSession(
            kind="periodic",
            date=datetime.date(2026, 3, 16),
            presiding_official="Hồ Tiến Thiệu, Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=users["canbo"],
    )
    notice = draft_result_notice(
        ResultNotice(
            session=session,
            signer_name="Hồ Tiến Thiệu",
            signer_title="Chủ tịch",
            recipients="Chủ tịch, các PCT UBND tỉnh;\nCác cơ quan được giao nhiệm vụ;",
        ),
        by=users["canbo"],
    )
    for position, (key, petition) in enumerate(placed.items(), start=1):
        AgendaItem.objects.create(
            session=session, position=position, petition=petition, mode="in_person", heard=True
        )
        set_state(petition, "heard")
        Conclusion.objects.create(
            notice=notice, petition=petition, text=f"Kết luận vụ việc số {position}."
        )
        assign_task(
            Assignment(
                notice=notice,
                petition=petition,
                agency=Agency.objects.get(code=PLACED_TASKS[key]),
                task=f"Nhiệm vụ số {position}: kiểm tra, trả lời công dân.",
                working_days=15,
            ),
            by=users["canbo"],
        )
    set_state(session, "held")
    set_state(notice, "submitted")
    workflow.apply(notice, "issue", by=users["chutich"], at=at(datetime.date(2026, 3, 20)))
    return notice
