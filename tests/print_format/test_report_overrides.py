"""Every rule overridden in the period, whatever the document, is listed in the monthly
report (its figures, the PDF and DOCX, the desk page): the day, the document, the step,
the rules gone past, who, why. A denunciation is named by its number; what was written
about it is masked for a reader not cleared for the denouncer's identity."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.print_format.context.common import OUTSIDE_READER
from tiep_cong_dan.print_format.context.monthly_report import monthly_report_context
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.service import document_file
from tiep_cong_dan.reporting.figures import compute
from tiep_cong_dan.reporting.overrides import overrides_of
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit
from ..workflow.helpers import at, set_state
from .conftest import docx_text, pdf_text

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
SESSION_REASON = "Ngày nghỉ bù 13/03 làm lỡ hạn thông báo"
DENOUNCER = "Lương Văn Cường"


@pytest.fixture
def overridden(role_users):
    """In March 2026: the Board head announces a session past Art. 23's five working
    days, with a reason; a denunciation's step was overridden with a reason naming the
    denouncer (as the event log keeps it)."""
    session = create_session(
        ReceptionSession(
            kind="periodic",
            date=datetime.date(2026, 3, 16),
            presiding_official="Hồ Tiến Thiệu, Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=role_users["canbo"],
    )
    set_state(session, "approved")
    workflow.apply(
        session,
        "announce",
        by=role_users["truongban"],
        at=at(datetime.date(2026, 3, 11), 8),
        override=True,
        comment=SESSION_REASON,
    )
    dk = new_unit("05977")
    denunciation = make_petition(
        dk, make_citizen(dk, DENOUNCER, "020080000003"), kind=PetitionKind.DENUNCIATION
    )
    WorkflowEvent.objects.create(
        doctype="petition",
        object_id=denunciation.pk,
        action="notify_acceptance",
        action_label="Thông báo thụ lý",
        from_state="classified",
        to_state="classified",
        actor=role_users["truongban"],
        at=at(datetime.date(2026, 3, 20), 9),
        comment=f"Ông {DENOUNCER} xin gia hạn",
        overridden=["Quá 10 ngày làm việc (Điều 28)."],
    )
    # Outside the period: not listed.
    WorkflowEvent.objects.create(
        doctype="petition",
        object_id=denunciation.pk,
        action="notify_acceptance",
        action_label="Thông báo thụ lý",
        from_state="classified",
        to_state="classified",
        actor=role_users["truongban"],
        at=at(datetime.date(2026, 4, 2), 9),
        comment="Tháng sau",
        overridden=["Quá hạn."],
    )
    return session, denunciation


def test_the_period_lists_every_override_of_every_document(overridden, role_users):
    session, denunciation = overridden
    rows = overrides_of(MARCH, None)
    assert [(r.day, r.document, r.step) for r in rows] == [
        ("11/03/2026", "Kỳ tiếp định kỳ ngày 16/03/2026", "Thông báo cho công dân và cơ quan"),
        ("20/03/2026", f"Đơn số {denunciation.registration_number}", "Thông báo thụ lý"),
    ]
    first = rows[0]
    assert first.reason == SESSION_REASON and "09/03/2026" in first.rules[0]
    assert first.who == (role_users["truongban"].get_full_name() or "truongban")
    assert compute(MARCH, None).overrides == 2
    # A reader not cleared sees the denunciation named by its number, its words masked.
    masked = overrides_of(MARCH, role_users["vanphong"])[1]
    assert masked.masked and DENOUNCER not in masked.reason + " ".join(masked.rules)
    assert not overrides_of(MARCH, role_users["truongban"])[1].masked


def test_the_printed_report_lists_them(overridden, role_users, report, tmp_path):
    spec = DOCUMENTS["monthly_report"]
    context = monthly_report_context(report, OUTSIDE_READER)
    assert [o["day"] for o in context["overrides"]] == ["11/03/2026", "20/03/2026"]
    assert DENOUNCER not in str(context["overrides"])
    text = pdf_text(document_file(spec, report, OUTSIDE_READER, "pdf"), tmp_path)
    assert "CÁC TRƯỜNG HỢP VƯỢT ĐIỀU KIỆN CỦA QUY TRÌNH" in text
    assert SESSION_REASON in text and DENOUNCER not in text
    docx = docx_text(document_file(spec, report, OUTSIDE_READER, "docx"))
    assert "Kỳ tiếp định kỳ ngày 16/03/2026" in docx and SESSION_REASON in docx
    assert DENOUNCER not in docx
    assert "Số lần vượt điều kiện của quy trình 2" in docx


def test_the_desk_report_page_lists_them_as_the_reader_may_see(overridden, report, login):
    url = reverse("admin:tiep_cong_dan_monthlyreport_change", args=[report.pk])
    head = login("truongban").get(url).content.decode()
    assert SESSION_REASON in head and f"Ông {DENOUNCER} xin gia hạn" in head
    office = login("vanphong").get(url)
    assert office.status_code == 200
    page = office.content.decode()
    assert SESSION_REASON in page and DENOUNCER not in page
