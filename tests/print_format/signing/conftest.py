"""The demo PKI in a folder of its own for these tests (made once per run), the trusted
root pointing at it, and a result notice waiting for the Chairman's signature."""

import datetime
import shutil

import pytest
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import assign_task, draft_result_notice
from tiep_cong_dan.print_format.signing.pki import ensure_demo_pki

from ...conftest import make_citizen, make_petition, new_unit
from ...workflow.helpers import set_state


@pytest.fixture(scope="session")
def demo_pki_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pki-demo")
    ensure_demo_pki(folder)
    return folder


@pytest.fixture(autouse=True)
def pki(settings, demo_pki_dir, tmp_path):
    """A copy of the demo PKI per test (a test may add or spoil a key)."""
    folder = tmp_path / "pki"
    shutil.copytree(demo_pki_dir, folder)
    settings.TCD_SIGNING_PKI_DIR = folder
    settings.TCD_SIGNING_TRUST_ROOTS = [str(folder / "root-ca.cert.pem")]
    settings.TCD_SIGNING_DEMO_PKI = True
    settings.TCD_SIGNING_BACKEND = "software"
    settings.TCD_SIGNING_USER_BACKENDS = {}
    settings.TCD_SIGNING_TSA_URL = ""
    return folder


@pytest.fixture
def submitted_notice(role_users):
    """A result notice of a held session, submitted to the Chairman (not yet issued)."""
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    session = create_session(
        ReceptionSession(
            kind="periodic",
            date=datetime.date(2026, 3, 16),
            presiding_official="Hồ Tiến Thiệu, Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=role_users["canbo"],
    )
    notice = draft_result_notice(
        ResultNotice(
            session=session,
            signer_name="Hồ Tiến Thiệu",
            signer_title="Chủ tịch",
            recipients="Chủ tịch, các PCT UBND tỉnh;\nSở Nông nghiệp và Môi trường;",
        ),
        by=role_users["canbo"],
    )
    AgendaItem.objects.create(
        session=session, position=1, petition=petition, mode="in_person", heard=True
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
        by=role_users["canbo"],
    )
    set_state(session, "held")
    set_state(notice, "submitted")
    return notice
